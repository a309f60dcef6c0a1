//===- cxxdefer/Rewrite.h - The rewriter core's interface -------*- C++ -*-===//
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
///   - the plugin (plugin/) parses the TU as written, calls
///     rewriteTranslationUnit, installs the new texts in the real compile
///     and reports the findings there;
///   - the batch tool (tool/) runs it on each TU of a compilation database
///     and writes the new files.
///
/// Inside, analysis turns the AST into a typed plan of every function that
/// defers (rewriter/lib/Plan.h) and printing turns the plan into text; see
/// docs/design.md. The core never prints to a stream: everything the user
/// should see comes back as Findings, located in the analysed
/// SourceManager, and each front end reports them its way.
///
/// Rewriting is all-or-nothing per function: a function with any error
/// finding gets no edits at all, and its defer statements stay as written
/// (which then fail to compile without the rewrite, so nothing silently
/// runs with other semantics).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITE_H
#define CXXDEFER_REWRITE_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Sema/SemaConsumer.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class NamedDecl;
class Preprocessor;
} // namespace clang

namespace cxxdefer {

/// The force-tier option: Go's classification, or every function forced
/// off open coding.
enum class ForcedTier { Go, Stack, Heap };

/// Parses "go", "stack" or "heap".
std::optional<ForcedTier> parseForcedTier(llvm::StringRef Name);

/// The core's knobs (rewriter/include/cxxdefer/Options.def). Defaults are
/// Go's.
struct RewriteOptions {
#define CXXDEFER_OPTION_Flag bool
#define CXXDEFER_OPTION_Number unsigned
#define CXXDEFER_OPTION_Tier ForcedTier
#define CXXDEFER_OPTION(Field, Kind, Name, Default, Help)                      \
  CXXDEFER_OPTION_##Kind Field = Default;
#include "cxxdefer/Options.def"
#undef CXXDEFER_OPTION_Flag
#undef CXXDEFER_OPTION_Number
#undef CXXDEFER_OPTION_Tier
};

/// Go's three implementation classes (SPEC 4).
enum class Tier { OpenCoded, StackAllocated, HeapAllocated };

/// Every finding the core reports (rewriter/include/cxxdefer/Diagnostics.def).
enum class DiagId {
#define CXXDEFER_DIAG(Id, Level, Flag, Text) Id,
#include "cxxdefer/Diagnostics.def"
};

enum class DiagLevel { Error, Warning, Remark, Note };

/// The level, flag and text of \p Id as Diagnostics.def gives them.
DiagLevel diagLevel(DiagId Id);
/// The -W flag of a warning or the -R flag of a remark, without the dash
/// and letter; empty for errors and notes.
llvm::StringRef diagFlag(DiagId Id);
llvm::StringRef diagText(DiagId Id);

/// One message for the user, at a location in the analysed translation unit.
struct Finding {
  DiagId Id;
  clang::SourceLocation Loc;
  std::vector<std::string> Args;
  /// For the class remark of a defer statement (-Rpass=defer): the tier
  /// it reports.
  std::optional<Tier> Class = std::nullopt;

  DiagLevel level() const { return diagLevel(Id); }
  /// The text with its arguments filled in.
  std::string message() const;
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

/// Adds one defer statement of tier \p T to \p Stats.
void countDefer(RewriteStats &Stats, Tier T);

struct TranslationUnitRewrite {
  std::vector<RewrittenFile> Files;
  std::vector<Finding> Findings;
  RewriteStats Stats;
  bool hasErrors() const;
};

/// The tokens that macro expansions in user files produced, recorded
/// while the translation unit is parsed: a defer statement written inside
/// a user macro is rewritten by replacing the macro's use with its
/// rewritten expansion, which needs the expansion's text.
class MacroTokens;

/// Starts recording \p PP's tokens. Call it before the parse starts; the
/// result must outlive the parse and the call to rewriteTranslationUnit.
std::shared_ptr<MacroTokens> recordMacroTokens(clang::Preprocessor &PP);

/// The macro that a parse analysis reads defines (-D), before the parse
/// starts. Under it <cxxdefer.h> declares no global `__result`, and each
/// use of `__result` names a variable of its function's result type (see
/// AnalysisConsumer), so that `__result.member`, `__result[i]` and every
/// other use type-check as they will after the rewrite.
constexpr const char *AnalysisMacro = "CXXDEFER_ANALYSIS";

/// The header's placeholder for `__result` in the analysis meaning,
/// `cxxdefer::analysis::__result`; null if <cxxdefer.h> was not included.
clang::NamedDecl *resultPlaceholder(clang::ASTContext &Ctx);

/// The AST consumer of a parse that analysis reads: records the macro
/// tokens from its construction on (make it in CreateASTConsumer, before
/// anything is lexed), answers the lookups of `__result` that Sema cannot
/// (declaring it in the enclosing function with that function's result
/// type), and calls \p OnTranslationUnit at the end of the parse.
class AnalysisConsumer : public clang::SemaConsumer {
public:
  using Callback =
      std::function<void(clang::ASTContext &, const MacroTokens *)>;

  AnalysisConsumer(clang::Preprocessor &PP, Callback OnTranslationUnit);
  ~AnalysisConsumer() override;

  void InitializeSema(clang::Sema &S) override;
  void HandleTranslationUnit(clang::ASTContext &Ctx) override;

private:
  class ResultLookup;
  std::shared_ptr<MacroTokens> Tokens;
  Callback OnTranslationUnit;
};

/// Analyses every function of the TU held by \p Ctx that uses `__defer`,
/// `__errdefer` or `__result` in a user file (never in a system header),
/// and returns the rewritten text of each user file that changes, plus the
/// findings.
///
/// \pre \p Ctx was produced by parsing the original text with the runtime
///      header's parse-only definitions (cxxdefer/parse_only.h), with
///      \p Tokens recording (it may be null: then a defer statement inside a
///      user macro is reported as not rewritable).
/// \returns an empty Files list when nothing needs rewriting.
TranslationUnitRewrite rewriteTranslationUnit(clang::ASTContext &Ctx,
                                              const MacroTokens *Tokens,
                                              const RewriteOptions &Opts);

/// The diagnostics consumer of a parse that analysis will read. It drops
/// the errors that the unrewritten text's constant evaluation may give and
/// the rewrite resolves - a static_assert on what a constexpr function's
/// deferred calls do, which do not run before the rewrite - passes the
/// others on to \p Next, and counts them: the parse may be analysed only
/// when there are none (a front end must ask this, not the engine, which
/// counts every error).
class AnalysisDiagnostics : public clang::DiagnosticConsumer {
public:
  AnalysisDiagnostics(clang::DiagnosticConsumer *Next, bool OwnsNext);
  ~AnalysisDiagnostics() override;

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;
  void BeginSourceFile(const clang::LangOptions &LO,
                       const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void finish() override;

  /// Errors other than the dropped ones.
  unsigned errors() const { return Errors; }

private:
  clang::DiagnosticConsumer *Next;
  bool OwnsNext;
  unsigned Errors = 0;
};

/// The directory that holds <cxxdefer.h>: `../include` beside the running
/// plugin or tool (an installed layout) if it has the header, otherwise
/// this source tree's runtime/include.
std::string runtimeIncludeDir();

} // namespace cxxdefer

#endif // CXXDEFER_REWRITE_H
