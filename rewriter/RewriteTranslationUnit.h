//===- RewriteTranslationUnit.h - The rewriter core's one entry point -----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The rewriter core turns a parsed translation unit that uses `__defer`
/// into new text for every user file that needs it. Both front ends call
/// this and only this:
///
///   - the plugin (plugin/CxxDeferPlugin.cpp) pre-parses the TU, calls
///     rewriteTranslationUnit, installs the new buffers in the real
///     compile's SourceManager and reports the findings there;
///   - the batch tool (tool/CxxDeferMain.cpp) runs it on each TU of a
///     compilation database and writes the new files.
///
/// The pipeline inside is findSites -> classify -> planCaptures -> emit
/// (see DeferSite.h for the data passed between stages). The core never
/// prints: everything the user should see comes back as Findings, located
/// in the analysed SourceManager, and each front end reports them its way.
///
/// Rewriting is all-or-nothing per function: a function with any error
/// finding gets no edits at all, and its defer statements stay as written
/// (which then fail to compile without the rewrite, so nothing silently
/// runs with other semantics).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITER_REWRITETRANSLATIONUNIT_H
#define CXXDEFER_REWRITER_REWRITETRANSLATIONUNIT_H

#include "clang/Basic/SourceLocation.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace cxxdefer {

/// Knobs shared by the plugin (-fplugin-arg-cxxdefer-NAME=VALUE) and the
/// batch tool (--NAME=VALUE). Defaults are Go's.
struct RewriteOptions {
  /// Go's maxOpenDefers: more defer statements than this in one function
  /// and none of them is open-coded.
  unsigned MaxOpenCodedDefers = 8;
  /// Go's limit on (return statements x defer statements) for open coding.
  unsigned MaxReturnsTimesDefers = 15;
  /// Warn on every defer statement inside a loop (SPEC 6, optional).
  bool WarnDeferInLoop = false;
  /// For testing the tiers: make every function that Go would open-code
  /// use stack-allocated defers (Stack), or every defer statement use a
  /// heap-allocated record (Heap). A defer statement in a loop is always
  /// heap-allocated.
  enum class Tier { Go, Stack, Heap } ForceTier = Tier::Go;
};

/// Parses the value of the force-tier option ("go", "stack", "heap").
bool parseForcedTier(llvm::StringRef Name, RewriteOptions::Tier &Out);

/// Go's three implementation classes (SPEC 4), in Go's words.
enum class DeferClass { OpenCoded, StackAllocated, HeapAllocated };

/// How serious a finding is; mirrors clang's levels.
enum class FindingLevel { Error, Warning, Remark, Note };

/// One message for the user, at a location in the analysed translation unit.
struct Finding {
  FindingLevel Level;
  clang::SourceLocation Loc;
  std::string Message;
  /// For the class remark of a defer statement (-Rpass=defer): the class
  /// it reports, so front ends need not read the message back.
  std::optional<DeferClass> Class = std::nullopt;
  /// For a warning: its flag without -W ("cxxdefer-dangling"), which the
  /// front ends honour the way clang honours -W, -Wno- and -Werror=.
  std::string Flag = {};
};

/// The new text of one user file.
struct RewrittenFile {
  /// The file's name as the analysed SourceManager knows it.
  std::string Path;
  /// The original text, for diffs and for mapping offsets.
  std::string OriginalText;
  /// The edits that turn OriginalText into NewText (non-overlapping).
  clang::tooling::Replacements Edits;
  std::string NewText;
};

/// Counts for the batch tool's summary and the plugin's verbose mode.
struct RewriteStats {
  unsigned Functions = 0;
  unsigned OpenCoded = 0;
  unsigned StackAllocated = 0;
  unsigned HeapAllocated = 0;
  unsigned FunctionsWithErrors = 0;
};

/// Adds one defer statement of class \p Class to \p Stats.
void countDefer(RewriteStats &Stats, DeferClass Class);

struct TranslationUnitRewrite {
  std::vector<RewrittenFile> Files;
  std::vector<Finding> Findings;
  RewriteStats Stats;
  bool hasErrors() const;
};

/// Analyses every function of the TU held by \p Ctx that uses `__defer`
/// (or `__result`) in a user file (never in a system header), and returns
/// the rewritten text of each user file that changes, plus the findings.
///
/// \pre \p Ctx was produced by parsing the original text with the runtime
///      header's parse-only definitions of `__defer` and `__result`.
/// \returns an empty Files list when nothing needs rewriting.
TranslationUnitRewrite rewriteTranslationUnit(clang::ASTContext &Ctx,
                                              const RewriteOptions &Opts);

/// The directory that holds <cxxdefer.h>: `../include` beside the running
/// plugin or tool (an installed layout) if it has the header, otherwise
/// this source tree's runtime/include.
std::string runtimeIncludeDir();

} // namespace cxxdefer

#endif // CXXDEFER_REWRITER_REWRITETRANSLATIONUNIT_H
