//===- Session.cpp - What the plugin does to one compile ------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Session.h"
#include "LiveCompile.h"
#include "UserFileScan.h"
#include "cxxdefer/SystemCode.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

namespace {

using Clock = std::chrono::steady_clock;

/// Hands every user header the compile includes to the Session, before the
/// compile enters it.
class IncludeWatcher : public PPCallbacks {
public:
  explicit IncludeWatcher(std::shared_ptr<Session> S) : S(std::move(S)) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &IncludeTok,
                          StringRef FileName, bool IsAngled,
                          CharSourceRange FilenameRange,
                          OptionalFileEntryRef File, StringRef SearchPath,
                          StringRef RelativePath, const Module *SuggestedModule,
                          bool ModuleImported,
                          SrcMgr::CharacteristicKind FileType) override {
    // An imported module is not entered as text.
    if (File && !ModuleImported)
      S->headerIncluded(*File, SrcMgr::isSystem(FileType));
  }

private:
  std::shared_ptr<Session> S;
};

} // namespace

/// Seconds elapsed since \p Start.
static double secondsSince(Clock::time_point Start) {
  return std::chrono::duration<double>(Clock::now() - Start).count();
}

/// The -W options of \p CI, with the plugin's older spelling of one of them
/// (-fplugin-arg-cxxdefer-warn-defer-in-loop) first, so that any -W option
/// overrides it.
static WarningPolicy makeWarningPolicy(const CompilerInstance &CI,
                                       const PluginOptions &Opts) {
  std::vector<std::string> Warnings;
  if (Opts.Rewrite.WarnDeferInLoop)
    Warnings.push_back("cxxdefer-defer-in-loop");
  const DiagnosticOptions &DiagOpts = CI.getDiagnosticOpts();
  Warnings.insert(Warnings.end(), DiagOpts.Warnings.begin(),
                  DiagOpts.Warnings.end());
  return WarningPolicy(Warnings, DiagOpts.IgnoreWarnings);
}

Session::Session(CompilerInstance &CI, const FrontendInputFile &Input,
                 const PluginOptions &Opts)
    : CI(CI), Input(Input), Opts(Opts), Warnings(makeWarningPolicy(CI, Opts)) {
  // The core only makes the optional warning when it will be shown.
  this->Opts.Rewrite.WarnDeferInLoop =
      Warnings.levelOf("cxxdefer-defer-in-loop") != WarningLevel::Ignored;
  // -Rpass-analysis=defer asks for the explanations (LiveCompile.cpp shows
  // them as clang's own analysis remarks).
  if (CI.getCodeGenOpts().OptimizationRemarkAnalysis.patternMatches("defer"))
    this->Opts.Rewrite.Explain = true;
}

/// The runtime's own headers mention `__defer` (to define and document
/// it): they are never searched, even when the user has put them on a
/// non-system include path.
static bool isRuntimeFile(FileEntryRef File) {
  return cxxdefer::isRuntimeHeader(File.getName());
}

/// The main file of \p Input, which may be stdin.
static OptionalFileEntryRef mainFileOf(FileManager &FM,
                                       const FrontendInputFile &Input) {
  if (Input.getFile() == "-")
    return llvm::expectedToOptional(FM.getSTDIN());
  return FM.getOptionalFileRef(Input.getFile(), /*OpenFile=*/true);
}

void Session::beforePreprocessing() {
  Clock::time_point Start = Clock::now();
  FileManager &FM = CI.getFileManager();
  OptionalFileEntryRef Main = mainFileOf(FM, Input);
  if (!Main)
    return; // clang reports that it cannot read it

  if (Input.getKind().isPreprocessed()) {
    // Preprocessed text has no #include lines to follow.
    Searched.insert(&Main->getFileEntry());
    auto Text = FM.getBufferForFile(*Main);
    if (!Text)
      return;
    Mentions Found = findMentions((*Text)->getBuffer());
    SearchSeconds += secondsSince(Start);
    if (Found.ExpandedDefer) {
      Rewritten = true; // nothing can be done about it
      reportPluginError(
          CI.getDiagnostics(),
          "'" + Main->getName() +
              "' was preprocessed without the cxxdefer plugin, so its "
              "'__defer' statements are already expanded and cannot be "
              "rewritten; preprocess it with the plugin loaded as well");
    } else if (Found.DeferSyntax) {
      rewrite("the main file", /*BeforePreprocessing=*/true);
    }
    return;
  }

  UserFileScan Scan = scanUserFiles(
      CI, *Main, [](FileEntryRef File) { return isRuntimeFile(File); });
  Searched.insert(Scan.Scanned.begin(), Scan.Scanned.end());
  Unresolved = Scan.Unresolved;
  SearchSeconds += secondsSince(Start);
  if (Scan.MentioningFile.empty())
    return;
  if (!startFork(*Main, Scan))
    rewrite("'" + Scan.MentioningFile + "'", /*BeforePreprocessing=*/true);
}

/// Takes the fork path (ForkedParse.h) if it applies. \returns whether it
/// did; the verbose log says why not.
bool Session::startFork(FileEntryRef Main, const UserFileScan &Scan) {
  std::string WhyNot = Opts.NoFork ? "-fplugin-arg-cxxdefer-no-fork"
                                   : whyNotFork(CI, Input, Scan);
  // The files to fork in, in the order the compile reads them: the one
  // header that mentions the extension, then the main file if it does.
  std::vector<ForkSite> Sites;
  if (WhyNot.empty()) {
    if (Scan.OnlyMentioningHeader)
      Sites.push_back({*Scan.OnlyMentioningHeader, /*IsMain=*/false, "", 0});
    if (Scan.MainFileMentions)
      Sites.push_back({Main, /*IsMain=*/true, "", 0});
  }
  for (ForkSite &Site : Sites) {
    if (auto Read = CI.getFileManager().getBufferForFile(Site.File))
      Site.Text = (*Read)->getBuffer().str();
    else
      WhyNot = "'" + Site.File.getName().str() + "' cannot be read";
    if (WhyNot.empty())
      WhyNot = whyNotForkAt(CI, Site);
    if (!WhyNot.empty())
      break;
  }
  if (!WhyNot.empty()) {
    if (Opts.Verbose)
      llvm::errs() << "cxxdefer: " << Input.getFile() << ": no fork (" << WhyNot
                   << ")\n";
    return false;
  }
  ForkTrigger = "'" + Scan.MentioningFile + "'";
  Fork = std::make_unique<ForkedParse>(
      CI, std::move(Sites), Opts.Rewrite, !Opts.InstantiateAll,
      [this](PreParseResult &&Result) {
        if (Result.Status == PreParseStatus::WholeUnitNeeded) {
          if (Opts.Verbose)
            logPreParse(ForkTrigger, When::AtFork, Result);
          return rewrite(ForkTrigger, /*BeforePreprocessing=*/false);
        }
        Rewritten = true;
        WholeUnitAnalysed = Fork->lastSiteIsMain();
        install(std::move(Result), ForkTrigger, When::AtFork);
      });
  Fork->beforePreprocessing();
  return true;
}

void Session::startReading(Preprocessor &PP) {
  if (!Installed.empty())
    forgetRemappedTexts(CI, Installed);
  if (Fork)
    Fork->startReading(PP);
  if (!Rewritten)
    PP.addPPCallbacks(std::make_unique<IncludeWatcher>(shared_from_this()));
}

void Session::headerIncluded(FileEntryRef File, bool System) {
  // Nothing is left to decide once the whole translation unit has been
  // analysed, or will be: by the pre-parse, or by the child of a fork in
  // the main file (in that child too). A header site's child analyses only
  // what comes before the end of that header: between it and the main
  // file's fork point, if any, the scan has read every user header, but
  // not the system ones, among which may be a library written for cxxdefer.
  if (WholeUnitAnalysed || (Fork && Fork->analysisCovers()) ||
      !Searched.insert(&File.getFileEntry()).second || isRuntimeFile(File))
    return;
  Clock::time_point Start = Clock::now();
  // Loads the text the compile is about to enter; it is not read twice.
  std::optional<llvm::MemoryBufferRef> Text =
      CI.getSourceManager().getMemoryBufferForFileOrNone(File);
  bool Needed =
      Text && needsRewriter(File.getName(), Text->getBuffer(), System);
  SearchSeconds += secondsSince(Start);
  if (Needed)
    rewrite(("'" + File.getName() + "'").str(), /*BeforePreprocessing=*/false);
}

std::unique_ptr<ASTConsumer>
Session::wrapConsumer(std::unique_ptr<ASTConsumer> Live) {
  return Fork ? Fork->wrapConsumer(std::move(Live)) : std::move(Live);
}

void Session::afterParse() {
  if (Fork)
    Fork->leaveIfChild();
}

/// Pre-parses the translation unit, once, and installs the result. \p Trigger
/// names the file that mentions the extension, for the verbose log.
void Session::rewrite(StringRef Trigger, bool BeforePreprocessing) {
  Rewritten = true;
  WholeUnitAnalysed = true;
  // A header the compile entered before the fork point mentions the
  // extension: the pre-parse analyses everything.
  if (Fork)
    Fork->cancel();
  install(preParse(CI, Input, Opts.Rewrite, !Opts.InstantiateAll), Trigger,
          BeforePreprocessing ? When::BeforeReading : When::WhileReading);
}

/// Installs \p Files in a compile that is reading its input: the files it
/// has not entered yet, and on the fork path, the site (the main file or a
/// header) from where its lexer stands on. All or nothing, as
/// overrideUnreadFiles.
bool Session::installWhileReading(llvm::ArrayRef<NewFileText> Files) {
  if (!Fork)
    return overrideUnreadFiles(CI, Files);
  std::vector<NewFileText> Others;
  const NewFileText *Site = nullptr;
  for (const NewFileText &File : Files)
    if (Fork->isEnteredSite(File))
      Site = &File;
    else
      Others.push_back(File);
  std::string Error;
  if (Site && Fork->siteRead(*Site)) {
    // A header site, analysed alone and compiled, and now the whole
    // translation unit (a later header needs the rewriter too): the header
    // must have come out the same.
    auto Same = [&](const NewFileText &Old) {
      return Old.File == Site->File && Old.Text == Site->Text;
    };
    if (llvm::none_of(Installed, Same)) {
      reportPluginError(CI.getDiagnostics(),
                        "'" + Site->File.getName() +
                            "' was compiled as its analysis alone rewrote "
                            "it, and the analysis of the whole translation "
                            "unit rewrites it differently; compile with "
                            "-fplugin-arg-cxxdefer-no-fork");
      return false;
    }
    Site = nullptr;
  }
  if (Site && !Fork->canOverwriteSite(*Site, Error)) {
    reportPluginError(CI.getDiagnostics(),
                      Error + "; '__defer' statements were not rewritten");
    return false;
  }
  if (!overrideUnreadFiles(CI, Others))
    return false;
  if (Site)
    Fork->overwriteSite(*Site);
  return true;
}

/// Hands the result of an analysis, made \p W, to the compile.
void Session::install(PreParseResult Result, StringRef Trigger, When W) {
  if (Opts.Verbose)
    logPreParse(Trigger, W, Result);
  switch (Result.Status) {
  case PreParseStatus::Rewritten:
    if (W == When::BeforeReading)
      remapBeforePreprocessing(CI, Result.Files);
    else if (!installWhileReading(Result.Files))
      break;
    if (W != When::AtFork) {
      Installed.clear();
      Findings.clear();
    }
    // A fork in a header, then one in the main file: each adds its own.
    llvm::append_range(Installed, Result.Files);
    llvm::append_range(Findings, Result.Findings);
    break;
  case PreParseStatus::SourceHasErrors:
    // The live compile reports them, on the text as written; finish()
    // checks that it did.
    AnalysisErrors = std::move(Result.ErrorText);
    break;
  case PreParseStatus::Failed:
  case PreParseStatus::WholeUnitNeeded: // handled by the fork's handler
    reportPluginError(CI.getDiagnostics(),
                      Result.Failure +
                          "; '__defer' statements were not rewritten");
    break;
  }
}

void Session::logPreParse(StringRef Trigger, When W,
                          const PreParseResult &Result) const {
  llvm::raw_ostream &OS = llvm::errs();
  OS << "cxxdefer: " << Input.getFile() << ": " << Trigger
     << " mentions __defer or __result; ";
  switch (W) {
  case When::BeforeReading:
    OS << "before reading the input: pre-parse ";
    break;
  case When::WhileReading:
    OS << "while reading the input: pre-parse ";
    break;
  case When::AtFork:
    if (Fork->forked() && Fork->lastSiteIsMain())
      OS << "forked at offset " << Fork->forkOffset()
         << " of the main file, after its #include block: analysis ";
    else if (Fork->forked())
      OS << "forked at offset " << Fork->forkOffset() << " of '"
         << Fork->lastSiteName()
         << "', after its #include lines: analysis up to its end ";
    else if (!Fork->lastSiteIsMain())
      OS << "not forked in '" << Fork->lastSiteName() << "': ";
    else
      OS << "not forked at the end of the main file's #include block"
         << (Fork->noCodeAfterIncludeBlock() ? " (no code after it): " : ": ");
    break;
  }
  if (W != When::AtFork || Fork->forked())
    OS << llvm::format("%.1f", Result.PreParseSeconds * 1e3) << " ms (core "
       << llvm::format("%.1f", Result.RewriteSeconds * 1e3) << " ms); ";
  if (W == When::AtFork && Fork->forked())
    OS << "child CPU " << llvm::format("%.1f", Fork->childUserSeconds() * 1e3)
       << " ms user, " << llvm::format("%.1f", Fork->childSystemSeconds() * 1e3)
       << " ms system; ";
  const InstantiationCounts &I = Result.Instantiations;
  if (I.Ran) {
    OS << "end-of-TU instantiations: " << I.Pending << " pending, ";
    if (!I.KeptAllBecause.empty())
      OS << "all kept (" << I.KeptAllBecause << "); ";
    else
      OS << I.LeftOut << " left out, " << I.Reached
         << " of those reached by deferred calls; ";
  }
  switch (Result.Status) {
  case PreParseStatus::Rewritten: {
    const RewriteStats &S = Result.Stats;
    OS << Result.Files.size() << " file(s) rewritten; " << S.Functions
       << " function(s) with defers: " << S.OpenCoded << " open-coded, "
       << S.StackAllocated << " stack-allocated, " << S.HeapAllocated
       << " heap-allocated defer(s); " << S.FunctionsWithErrors
       << " function(s) with errors\n";
    break;
  }
  case PreParseStatus::SourceHasErrors:
    OS << "the source has errors, compiled as written\n";
    break;
  case PreParseStatus::Failed:
    OS << "failed: " << Result.Failure << "\n";
    break;
  case PreParseStatus::WholeUnitNeeded:
    OS << "not enough (" << Result.Failure
       << "): the whole translation unit is pre-parsed\n";
    break;
  }
}

void Session::finish() {
  if (Finished)
    return;
  Finished = true;
  // An error that only the analysis meaning of <cxxdefer.h> shows (a lambda
  // that names `__result` without capturing it: for the compile as written
  // it is a namespace-scope placeholder) leaves the text as written free of
  // errors, and its defer statements unrewritten: without this, the user
  // would see only "__defer must be rewritten" from code generation, or,
  // with -fsyntax-only, nothing.
  if (!AnalysisErrors.empty() && !CI.getDiagnostics().hasErrorOccurred()) {
    llvm::errs() << AnalysisErrors;
    reportPluginError(CI.getDiagnostics(),
                      "the errors above were found by the analysis of this "
                      "translation unit; '__defer' statements were not "
                      "rewritten");
  }
  reportFindings(CI, Findings, Installed, Warnings, Opts.Remarks);
  if (Opts.Verbose && !Rewritten)
    llvm::errs() << "cxxdefer: " << Input.getFile()
                 << ": no user file mentions __defer or __result ("
                 << Searched.size() << " searched in "
                 << llvm::format("%.2f", SearchSeconds * 1e3) << " ms, "
                 << Unresolved << " #include(s) not followed); compiled as "
                 << "written\n";
}
