//===- PreParse.cpp - Syntax-only parse of the original text --------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The pre-parse is a second compile that runs inside the live one, before
/// (or, rarely, while) the live one reads its input. What makes that safe:
///
/// - It compiles a copy of the live CompilerInvocation, so it sees the same
///   text, macros, include paths (the runtime header's directory included)
///   and language options. In the copy, every option that produces output
///   is reset so that nothing happens twice: the action becomes
///   ParseSyntaxOnly, and the output file, dependency files and the include
///   tree (-MD, -MF, -H), serialized and logged diagnostics, -verify,
///   statistics, -ftime-report, -ftime-trace and -v are switched off. No
///   plugin is loaded or requested.
/// - Its diagnostics are not shown: the live compile reports everything the
///   user sees, on the text it actually compiles. Warnings are off; errors
///   decide whether the core may run at all, and are kept as text for the
///   one case the live compile cannot show them (PreParseResult::ErrorText).
/// - It shares the live FileManager, as clang's own module builds do. Both
///   compiles then agree on the identity of every file, which is how the
///   results are handed over, and stdin (readable once only) comes from the
///   FileManager's cache.
/// - It runs on a thread of its own with clang's desired stack size, the way
///   clang runs a module build: the live compile may be deep inside #include
///   processing when it starts a pre-parse. The -ftime-trace profiler is per
///   thread, so the nested compile's own events stay out of the live
///   profile, which shows the pre-parse as one "cxxdefer pre-parse" event.
///   A crash in it is reported like a crash of clang itself; if the host
///   does recover crashes on that thread, the pre-parse fails instead.
/// - It instantiates, at the end of the translation unit, only what the
///   core reads (AnalysedInstantiations.h): the standard library's own
///   instantiations are about 40 % of a syntax-only parse, and the live
///   compile makes them anyway.
///
//===----------------------------------------------------------------------===//

#include "PreParse.h"
#include "AnalysedInstantiations.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Stack.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/TimeProfiler.h"
#include <chrono>

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

namespace {

using Clock = std::chrono::steady_clock;

/// The nested compile's action: a syntax-only parse feeding collectRewrite.
class PreParseAction : public ASTFrontendAction {
public:
  PreParseAction(const RewriteOptions &Opts, bool LimitInstantiations,
                 PreParseResult &Out)
      : Opts(Opts), LimitInstantiations(LimitInstantiations), Out(Out) {}

protected:
  /// The preprocessor exists and has not read a token: whatever must watch
  /// the whole pre-parse from its first token (a recorder of macro
  /// expansions, say) attaches to CI.getPreprocessor() here.
  bool BeginSourceFileAction(CompilerInstance &CI) override { return true; }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // The preprocessor exists and has not lexed yet: the core's consumer
    // starts recording macro tokens now. The limiter comes first, so that
    // it has instantiated what the core reads before the core runs.
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(
        createInstantiationLimiter(Out.Instantiations, LimitInstantiations));
    Consumers.push_back(std::make_unique<AnalysisConsumer>(
        CI.getPreprocessor(), [this](ASTContext &Ctx, const MacroTokens *T) {
          const auto *Diagnostics = static_cast<const AnalysisDiagnostics *>(
              Ctx.getDiagnostics().getClient());
          collectRewrite(Ctx, T, Opts, Diagnostics->errors(), Out);
        }));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  const RewriteOptions &Opts;
  bool LimitInstantiations;
  PreParseResult &Out;
};

} // namespace

/// Seconds elapsed since \p Start.
static double secondsSince(Clock::time_point Start) {
  return std::chrono::duration<double>(Clock::now() - Start).count();
}

/// Finds the file the core calls \p Path among the files of the analysed
/// translation unit. The core names files as the analysed SourceManager
/// knows them, and the lookup goes through the same FileManager, so this
/// finds the very entry the pre-parse read (however it was spelled).
static OptionalFileEntryRef findAnalysedFile(const SourceManager &SM,
                                             StringRef Path) {
  OptionalFileEntryRef File = SM.getFileManager().getOptionalFileRef(Path);
  if (!File || SM.translateFile(*File).isInvalid())
    return std::nullopt;
  return File;
}

/// Moves \p F out of the analysed SourceManager \p SM: the file it is in,
/// its offset in the user's text, and its offset in the text the live
/// compile will read, which is the file's new text if the core rewrote it
/// (\p Files, resolved in \p Entries).
static PlacedFinding placeFinding(const Finding &F, const SourceManager &SM,
                                  const std::vector<RewrittenFile> &Files,
                                  const std::vector<FileEntryRef> &Entries) {
  std::string Flag =
      F.level() == DiagLevel::Warning ? diagFlag(F.Id).str() : std::string();
  PlacedFinding Placed{F.Id,        F.level(), F.Class.has_value(),
                       F.message(), Flag,      std::nullopt};
  if (F.Loc.isInvalid())
    return Placed;
  // A finding in a macro argument or body is shown where the macro is used:
  // that is the only place the user can change.
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getFileLoc(F.Loc));
  OptionalFileEntryRef File = SM.getFileEntryRefForID(FID);
  if (!File)
    return Placed; // <built-in>, <command line> or scratch space
  Placed.File = File;
  Placed.InMainFile = FID == SM.getMainFileID();
  Placed.OriginalOffset = Placed.Offset = Offset;
  for (size_t I = 0; I != Files.size(); ++I)
    if (Entries[I] == *File)
      Placed.Offset = Files[I].Edits.getShiftedCodePosition(Offset);
  return Placed;
}

std::unique_ptr<DiagnosticConsumer>
cxxdefer::plugin::renderDiagnosticsTo(std::string &Out,
                                      const DiagnosticOptions &Live) {
  auto *Options = new DiagnosticOptions(Live);
  Options->ShowColors = false;
  return std::make_unique<TextDiagnosticPrinter>(
      *new llvm::raw_string_ostream(Out), Options, /*OwnsOutputStream=*/true);
}

void cxxdefer::plugin::collectRewrite(ASTContext &Ctx,
                                      const MacroTokens *Tokens,
                                      const RewriteOptions &Opts,
                                      unsigned Errors, PreParseResult &Out) {
  // Sema's view of erroneous code is partial (invalid declarations, dropped
  // statements); rewriting it could only add confusing messages to the
  // user's real errors.
  if (Errors) {
    Out.Status = PreParseStatus::SourceHasErrors;
    return;
  }

  Clock::time_point Start = Clock::now();
  TranslationUnitRewrite Rewrite = rewriteTranslationUnit(Ctx, Tokens, Opts);
  Out.RewriteSeconds = secondsSince(Start);

  const SourceManager &SM = Ctx.getSourceManager();
  OptionalFileEntryRef MainFile = SM.getFileEntryRefForID(SM.getMainFileID());
  std::vector<FileEntryRef> Entries;
  for (const RewrittenFile &File : Rewrite.Files) {
    OptionalFileEntryRef Entry = findAnalysedFile(SM, File.Path);
    if (!Entry) {
      Out.Status = PreParseStatus::Failed;
      Out.Failure = "the rewriter returned '" + File.Path +
                    "', which is not a file of this translation unit";
      return;
    }
    Entries.push_back(*Entry);
    Out.Files.push_back({*Entry, MainFile && *MainFile == *Entry, File.NewText,
                         File.OriginalText});
  }
  for (const Finding &F : Rewrite.Findings)
    Out.Findings.push_back(placeFinding(F, SM, Rewrite.Files, Entries));
  Out.Stats = Rewrite.Stats;
  Out.Status = PreParseStatus::Rewritten;
}

/// The invocation of the pre-parse: \p Live's, parsing \p Input only, with
/// every option that would write something switched off.
static std::shared_ptr<CompilerInvocation>
makePreParseInvocation(const CompilerInvocation &Live,
                       const FrontendInputFile &Input) {
  auto Invocation = std::make_shared<CompilerInvocation>(Live);

  FrontendOptions &Frontend = Invocation->getFrontendOpts();
  Frontend.ProgramAction = frontend::ParseSyntaxOnly;
  Frontend.Inputs = {Input};
  Frontend.OutputFile.clear();
  Frontend.Plugins.clear();
  Frontend.AddPluginActions.clear();
  Frontend.ActionName.clear();
  Frontend.ShowStats = false;
  Frontend.StatsFile.clear();
  Frontend.TimeTracePath.clear();
  // The live cc1 leaks its AST on exit (-disable-free); the pre-parse ends
  // long before that, and its memory is needed for the live AST.
  Frontend.DisableFree = false;

  Invocation->getDependencyOutputOpts() = DependencyOutputOptions();
  // <cxxdefer.h> for the analysis: `__result` gets its function's type.
  Invocation->getPreprocessorOpts().addMacroDef(AnalysisMacro);
  Invocation->getCodeGenOpts().TimePasses = false;
  Invocation->getHeaderSearchOpts().Verbose = false;

  DiagnosticOptions &Diagnostics = Invocation->getDiagnosticOpts();
  Diagnostics.IgnoreWarnings = true;
  Diagnostics.VerifyDiagnostics = false;
  Diagnostics.ShowCarets = false; // no "N warnings generated." summary
  Diagnostics.DiagnosticLogFile.clear();
  Diagnostics.DiagnosticSerializationFile.clear();
  return Invocation;
}

PreParseResult cxxdefer::plugin::preParse(CompilerInstance &Live,
                                          const FrontendInputFile &Input,
                                          const RewriteOptions &Opts,
                                          bool LimitInstantiations) {
  Clock::time_point Start = Clock::now();
  PreParseResult Result;

  auto Nested =
      std::make_unique<CompilerInstance>(Live.getPCHContainerOperations());
  Nested->setInvocation(makePreParseInvocation(Live.getInvocation(), Input));
  Nested->setFileManager(&Live.getFileManager());
  std::string ErrorText;
  Nested->createDiagnostics(
      new AnalysisDiagnostics(
          renderDiagnosticsTo(ErrorText, Live.getDiagnosticOpts()).release(),
          /*OwnsNext=*/true),
      /*ShouldOwnClient=*/true);

  auto Action =
      std::make_unique<PreParseAction>(Opts, LimitInstantiations, Result);
  llvm::TimeTraceScope TraceScope("cxxdefer pre-parse", Input.getFile());
  bool Survived = llvm::CrashRecoveryContext().RunSafelyOnThread(
      [&] { Nested->ExecuteAction(*Action); }, DesiredStackSize);

  if (!Survived) {
    // Only if the host recovers crashes on this thread. Nothing that the
    // crashed compile owned can be trusted, not even its destructors.
    llvm::BuryPointer(std::move(Action));
    llvm::BuryPointer(std::move(Nested));
    Result = PreParseResult();
    Result.Failure = "the analysis of this translation unit crashed";
  } else if (Result.Status == PreParseStatus::Failed &&
             Result.Failure.empty()) {
    // The consumer never ran: the input could not be read, or a fatal error
    // stopped the parse. The live compile will meet the same error.
    if (Nested->getDiagnostics().hasErrorOccurred())
      Result.Status = PreParseStatus::SourceHasErrors;
    else
      Result.Failure = "the analysis did not reach the end of the "
                       "translation unit";
  }
  if (Result.Status == PreParseStatus::SourceHasErrors)
    Result.ErrorText = ErrorText;
  Result.PreParseSeconds = secondsSince(Start);
  return Result;
}
