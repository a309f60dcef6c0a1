//===- AnalysisFixture.h - Analyse a snippet, keep the typed plan -*- C++ -*-=//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The analysis stages read an AST, so their unit tests parse C++: a
/// snippet, with <cxxdefer.h> on the include path, parsed the way the
/// front ends parse it for analysis (AnalysisConsumer, the analysis macro).
/// While the AST lives, the fixture runs analyze() - every stage, in order,
/// as the front ends run it - and Classify alone on each function FindSites
/// finds; it keeps only what holds no AST pointer: the plans, the
/// classifications and the findings with their lines. A test then reads the
/// decisions as data: the class and reason of each defer statement, where
/// its storage goes, how each operand of its call is kept (with the user's
/// text that operand covers).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TEST_UNIT_ANALYSISFIXTURE_H
#define CXXDEFER_TEST_UNIT_ANALYSISFIXTURE_H

#include "Classify.h"
#include "Plan.h"
#include <optional>
#include <string>
#include <vector>

namespace cxxdefer {
namespace test {

/// A finding, with its line in the snippet (1-based) and its text.
struct SeenFinding {
  DiagId Id;
  unsigned Line = 0;
  std::vector<std::string> Args;
  std::string Message;
};

/// What analysis decided for one snippet.
struct Analysis {
  /// The parse had no error (they go to stderr) and analysis ran.
  bool Parsed = false;
  /// analyze()'s plans of the functions that have no error, in source
  /// order (the snippet is one file).
  std::vector<FunctionPlan> Functions;
  std::string Original;
  /// classify() of every function that defers, in source order (also of
  /// those with errors).
  std::vector<FunctionClassification> Classes;
  std::vector<SeenFinding> Findings;

  /// Site \p I of function \p F's plan.
  const SitePlan &site(size_t I, size_t F = 0) const;
  /// Operand \p I of site \p Site's call.
  const OperandPlan &operand(size_t I, size_t Site = 0, size_t F = 0) const;
  /// The snippet's text that \p S covers (its offsets, as placed).
  std::string text(const Span &S) const;
  /// Findings with id \p Id, in order.
  std::vector<SeenFinding> findings(DiagId Id) const;
  /// The one finding with id \p Id; a test failure if there is not
  /// exactly one.
  SeenFinding only(DiagId Id) const;
  /// The reason of the class remark of the \p I-th defer statement in the
  /// snippet ("" for an open-coded one).
  std::string reason(size_t I) const;
};

/// Parses \p Code as `input.cpp` with \p Args (e.g. -std=c++14) and
/// analyses it with \p Opts.
Analysis analyse(const std::string &Code,
                 std::vector<std::string> Args = {"-std=c++17"},
                 const RewriteOptions &Opts = RewriteOptions());

/// The key types of one instantiation, joined with ", ".
std::string keyOf(const InstantiationPlan &Entry);

} // namespace test
} // namespace cxxdefer

#endif // CXXDEFER_TEST_UNIT_ANALYSISFIXTURE_H
