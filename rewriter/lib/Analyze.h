//===- Analyze.h - From the AST to the plan of every file -------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Analysis as one function: the AST and the options in, a FilePlan for
/// every user file that changes and the findings out. It runs the stages
/// in order - FindSites, Classify, Reach, PlanCall (+ Instantiations),
/// PlanResult - for every function, assembles each function's plan,
/// places every position (SourceText.h) and groups the plans by file.
///
/// All or nothing per function: a function with an error finding from any
/// stage, or one whose positions cannot be placed, gets no plan.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_ANALYZE_H
#define CXXDEFER_LIB_ANALYZE_H

#include "Plan.h"
#include "cxxdefer/Rewrite.h"

namespace clang {
class ASTContext;
}

namespace cxxdefer {

class MacroTokens;

struct TranslationUnitPlan {
  std::vector<FilePlan> Files;
  std::vector<Finding> Findings;
  RewriteStats Stats;
};

TranslationUnitPlan analyze(clang::ASTContext &Ctx, const MacroTokens *Tokens,
                            const RewriteOptions &Opts);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_ANALYZE_H
