//===- CxxDeferPlugin.cpp - The cxxdefer clang plugin ---------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// `clang++-19 -fplugin=CxxDefer.so` compiles code that uses `__defer(call);`
/// and `__result`. The plugin rewrites the translation unit into plain C++
/// before clang compiles it and then gets out of the way: the compile itself,
/// whatever the driver asked for (an executable, an object, assembly, IR,
/// -fsyntax-only), is clang's own.
///
/// How, and why this way:
///
/// 1. It is an AddBeforeMainAction plugin, so -fplugin= alone runs it for
///    every action that parses (a Cmdline* plugin also needs -add-plugin).
///    It works in CreateASTConsumer: there the preprocessor and the main
///    FileID exist but not one token has been lexed, the last moment at
///    which a plugin can still change what the compile reads.
/// 2. The rewrite needs Sema (types, scopes, every exit of every function),
///    so the translation unit is first parsed as written, with the runtime
///    header's parse-only meaning of `__defer` (PreParse.h). The core turns
///    that AST into new texts; LiveCompile.h installs them in the live
///    SourceManager and reports the core's findings.
/// 3. That costs about one -fsyntax-only, so it happens only when a user
///    file mentions `__defer` or `__result`. The main file is searched here,
///    each user header when it is included: InclusionDirective runs before
///    the header is entered, so when the first header that mentions them is
///    included, the pre-parse of the whole translation unit can still run
///    and replace that header and every later one. A translation unit that
///    mentions neither pays for a substring search of its user files and
///    nothing else. System headers are neither searched nor rewritten
///    (glibc's <pthread.h> has a member named `__defer`, and libstdc++ uses
///    `__result` everywhere).
/// 4. `#include <cxxdefer.h>` needs no -I: the header's directory is added
///    to the header search of both compiles, last and as a system directory
///    (like -idirafter).
/// 5. The driver runs the cc1 of every input in one process, each with a
///    fresh instance of this plugin, and the pre-parse instantiates it again
///    too: all state lives in the instance, and a thread_local flag
///    (isInsidePreParse) keeps the nested instance idle.
/// 6. Nothing is rewritten in C, in inputs that are not source (AST files,
///    module maps) or when clang compiles a module.
///
/// Options, each as -fplugin-arg-cxxdefer-NAME[=VALUE]:
///   remarks                     show the core's remarks (as -Rpass=defer does)
///   max-open-defers=N           Go's limit of defers for open coding
///   max-returns-times-defers=N  Go's limit of returns x defers
///   warn-defer-in-loop          warn on each defer statement in a loop
///   force-tier=go|stack|heap    for testing: force the stack or heap tier
///   verbose                     log decisions and timings to stderr
///
//===----------------------------------------------------------------------===//

#include "LiveCompile.h"
#include "PreParse.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/DirectoryLookup.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <optional>

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

namespace {

using Clock = std::chrono::steady_clock;

/// What -fplugin-arg-cxxdefer-NAME[=VALUE] can set.
struct PluginOptions {
  RewriteOptions Rewrite;
  bool Remarks = false;
  bool Verbose = false;
};

/// One live compile and what the plugin did to it. Shared by the include
/// watcher, which the preprocessor owns, and the reporter, which the AST
/// consumer chain owns.
class Session {
public:
  Session(CompilerInstance &CI, const FrontendInputFile &Input,
          const PluginOptions &Opts, std::string RuntimeIncludeDir);

  /// Searches the main file; if it mentions the extension, rewrites the
  /// translation unit. \returns whether it did.
  bool rewriteIfMainFileMentions();

  /// Searches \p File, a user header about to be entered for the first time,
  /// and rewrites the translation unit if it is the first file to mention
  /// the extension.
  void headerIncluded(FileEntryRef File);

  /// Reports the findings once the whole translation unit has been parsed.
  void finish();

private:
  void rewrite(StringRef Trigger, bool MainFileUnread);
  bool isRuntimeHeader(FileEntryRef File) const;
  void logPreParse(StringRef Trigger, const PreParseResult &Result) const;

  CompilerInstance &CI;
  FrontendInputFile Input;
  PluginOptions Opts;
  std::string RuntimeIncludeDir;
  /// The runtime header's directories. Their files mention `__defer` (to
  /// define and document it), so they are not searched even when the user
  /// has put them on a non-system include path.
  const DirectoryEntry *RuntimeDirs[2] = {nullptr, nullptr};

  bool Rewritten = false;
  llvm::SmallPtrSet<const FileEntry *, 32> Searched;
  double SearchSeconds = 0;
  std::vector<PlacedFinding> Findings;
};

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
    // An imported module is not entered as text; a system header is never
    // the user's.
    if (File && !ModuleImported && !SrcMgr::isSystem(FileType))
      S->headerIncluded(*File);
  }

private:
  std::shared_ptr<Session> S;
};

/// Reports the Session's findings at the end of the translation unit.
class FindingReporter : public ASTConsumer {
public:
  explicit FindingReporter(std::shared_ptr<Session> S) : S(std::move(S)) {}

  void HandleTranslationUnit(ASTContext &) override { S->finish(); }

private:
  std::shared_ptr<Session> S;
};

/// The plugin: options, and the decision whether and how to take part.
class CxxDeferAction : public PluginASTAction {
protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override;
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef InFile) override;
  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginOptions Opts;
  bool OptionsValid = true;
};

} // namespace

/// Seconds elapsed since \p Start.
static double secondsSince(Clock::time_point Start) {
  return std::chrono::duration<double>(Clock::now() - Start).count();
}

/// Whether \p Text, a user file as written, mentions the extension.
static bool mentionsDeferSyntax(StringRef Text) {
  return Text.contains("__defer") || Text.contains("__result");
}

/// If \p Line is a line marker of preprocessed output (`# 42 "file" 1 3`),
/// whether the text after it comes from a system header (flag 3).
static std::optional<bool> isSystemLineMarker(StringRef Line) {
  Line = Line.drop_front().ltrim(" \t"); // the '#'
  if (Line.empty() || !llvm::isDigit(Line.front()))
    return std::nullopt; // a directive, or `#line` (which has no flags)
  size_t Quote = Line.rfind('"');
  if (Quote == StringRef::npos)
    return std::nullopt;
  SmallVector<StringRef, 4> Flags;
  Line.substr(Quote + 1).split(Flags, ' ', /*MaxSplit=*/-1,
                               /*KeepEmpty=*/false);
  return llvm::is_contained(Flags, "3");
}

/// Whether \p Text, preprocessed output (-save-temps), mentions the
/// extension outside the system headers inlined into it. In such text the
/// `__defer` macro is already expanded, into a call of the runtime's
/// defer_statement_needs_plugin (runtime/include/cxxdefer/parse_only.h).
static bool mentionsDeferSyntaxPreprocessed(StringRef Text) {
  bool InSystemHeader = false;
  while (true) {
    size_t NextDirective = Text.find("\n#");
    StringRef Chunk = Text.take_front(NextDirective);
    if (!InSystemHeader && (mentionsDeferSyntax(Chunk) ||
                            Chunk.contains("defer_statement_needs_plugin")))
      return true;
    if (NextDirective == StringRef::npos)
      return false;
    Text = Text.drop_front(NextDirective + 1);
    if (std::optional<bool> System = isSystemLineMarker(
            Text.take_until([](char C) { return C == '\n'; })))
      InSystemHeader = *System;
  }
}

/// Makes `#include <cxxdefer.h>` work in the live compile without -I: \p Dir
/// is searched after every other directory, as a system directory. The
/// header search was built from HeaderSearchOptions before any plugin ran,
/// so the directory goes into the HeaderSearch itself.
static void addRuntimeIncludeDir(CompilerInstance &CI, StringRef Dir) {
  OptionalDirectoryEntryRef Entry =
      CI.getFileManager().getOptionalDirectoryRef(Dir);
  if (!Entry)
    return; // the header is then not found, and the compile says so
  CI.getPreprocessor().getHeaderSearchInfo().AddSystemSearchPath(
      DirectoryLookup(*Entry, SrcMgr::C_System, /*isFramework=*/false));
}

/// The frontend input the live compile is processing: the one whose file is
/// the main file (cc1 normally has exactly one).
static const FrontendInputFile *findCurrentInput(const CompilerInstance &CI) {
  const auto &Inputs = CI.getFrontendOpts().Inputs;
  if (Inputs.size() == 1)
    return &Inputs.front();
  const SourceManager &SM = CI.getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  for (const FrontendInputFile &Input : Inputs) {
    if (!Main || !Input.isFile())
      continue;
    OptionalFileEntryRef File =
        CI.getFileManager().getOptionalFileRef(Input.getFile());
    if (File && *File == *Main)
      return &Input;
  }
  return nullptr;
}

Session::Session(CompilerInstance &CI, const FrontendInputFile &Input,
                 const PluginOptions &Opts, std::string RuntimeIncludeDir)
    : CI(CI), Input(Input), Opts(Opts),
      RuntimeIncludeDir(std::move(RuntimeIncludeDir)) {
  FileManager &FM = CI.getFileManager();
  if (auto Dir = FM.getOptionalDirectoryRef(this->RuntimeIncludeDir))
    RuntimeDirs[0] = &Dir->getDirEntry();
  if (auto Dir =
          FM.getOptionalDirectoryRef(this->RuntimeIncludeDir + "/cxxdefer"))
    RuntimeDirs[1] = &Dir->getDirEntry();
}

bool Session::rewriteIfMainFileMentions() {
  Clock::time_point Start = Clock::now();
  const SourceManager &SM = CI.getSourceManager();
  FileID Main = SM.getMainFileID();
  if (OptionalFileEntryRef File = SM.getFileEntryRefForID(Main))
    Searched.insert(&File->getFileEntry());
  StringRef Text = SM.getBufferData(Main);
  bool Mentions = Input.getKind().isPreprocessed()
                      ? mentionsDeferSyntaxPreprocessed(Text)
                      : mentionsDeferSyntax(Text);
  SearchSeconds += secondsSince(Start);
  if (Mentions)
    rewrite("the main file", /*MainFileUnread=*/true);
  return Mentions;
}

void Session::headerIncluded(FileEntryRef File) {
  if (Rewritten || !Searched.insert(&File.getFileEntry()).second ||
      isRuntimeHeader(File))
    return;
  Clock::time_point Start = Clock::now();
  // Loads the text the compile is about to enter; it is not read twice.
  std::optional<llvm::MemoryBufferRef> Text =
      CI.getSourceManager().getMemoryBufferForFileOrNone(File);
  bool Mentions = Text && mentionsDeferSyntax(Text->getBuffer());
  SearchSeconds += secondsSince(Start);
  if (Mentions)
    rewrite(("'" + File.getName() + "'").str(), /*MainFileUnread=*/false);
}

bool Session::isRuntimeHeader(FileEntryRef File) const {
  const DirectoryEntry *Dir = &File.getDir().getDirEntry();
  return Dir == RuntimeDirs[0] || Dir == RuntimeDirs[1];
}

/// Pre-parses the translation unit, once, and installs the result. \p Trigger
/// names the file that mentions the extension, for the verbose log.
void Session::rewrite(StringRef Trigger, bool MainFileUnread) {
  Rewritten = true;
  PreParseResult Result = preParse(CI, Input, RuntimeIncludeDir, Opts.Rewrite);
  if (Opts.Verbose)
    logPreParse(Trigger, Result);
  switch (Result.Status) {
  case PreParseStatus::Rewritten:
    if (installNewTexts(CI, Result.Files, MainFileUnread))
      Findings = std::move(Result.Findings);
    break;
  case PreParseStatus::SourceHasErrors:
    break; // the live compile reports them, on the text as written
  case PreParseStatus::Failed:
    reportPluginError(CI.getDiagnostics(),
                      Result.Failure +
                          "; '__defer' statements were not rewritten");
    break;
  }
}

void Session::logPreParse(StringRef Trigger,
                          const PreParseResult &Result) const {
  llvm::raw_ostream &OS = llvm::errs();
  OS << "cxxdefer: " << Input.getFile() << ": " << Trigger
     << " mentions __defer or __result; pre-parse "
     << llvm::format("%.1f", Result.PreParseSeconds * 1e3) << " ms (core "
     << llvm::format("%.1f", Result.RewriteSeconds * 1e3) << " ms); ";
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
  }
}

void Session::finish() {
  reportFindings(CI, Findings, Opts.Remarks);
  if (Opts.Verbose && !Rewritten)
    llvm::errs() << "cxxdefer: " << Input.getFile()
                 << ": no user file mentions __defer or __result ("
                 << Searched.size() << " searched in "
                 << llvm::format("%.2f", SearchSeconds * 1e3)
                 << " ms); compiled as written\n";
}

/// Points at the option field that the flag option \p Name sets, or null.
static bool *findFlagOption(StringRef Name, PluginOptions &Opts) {
  return llvm::StringSwitch<bool *>(Name)
      .Case("remarks", &Opts.Remarks)
      .Case("verbose", &Opts.Verbose)
      .Case("warn-defer-in-loop", &Opts.Rewrite.WarnDeferInLoop)
      .Default(nullptr);
}

/// Points at the option field that the numeric option \p Name sets, or null.
static unsigned *findNumberOption(StringRef Name, PluginOptions &Opts) {
  return llvm::StringSwitch<unsigned *>(Name)
      .Case("max-open-defers", &Opts.Rewrite.MaxOpenDefers)
      .Case("max-returns-times-defers", &Opts.Rewrite.MaxReturnsTimesDefers)
      .Default(nullptr);
}

/// Applies one plugin argument, `NAME` or `NAME=VALUE`, to \p Opts.
/// \returns false after reporting an error if it is not a valid option.
static bool applyOption(StringRef Arg, PluginOptions &Opts,
                        DiagnosticsEngine &Diags) {
  auto [Name, Value] = Arg.split('=');
  bool HasValue = Name.size() != Arg.size();
  if (bool *Flag = findFlagOption(Name, Opts)) {
    if (!HasValue) {
      *Flag = true;
      return true;
    }
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "cxxdefer: option '-fplugin-arg-cxxdefer-%0' takes no value"))
        << Name;
    return false;
  }
  if (Name == "force-tier") {
    if (std::optional<ForcedTier> Tier = cxxdefer::parseForcedTier(Value);
        HasValue && Tier) {
      Opts.Rewrite.ForceTier = *Tier;
      return true;
    }
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "cxxdefer: option '-fplugin-arg-cxxdefer-force-tier' needs one of "
        "the values go, stack, heap"));
    return false;
  }
  if (unsigned *Number = findNumberOption(Name, Opts)) {
    if (HasValue && !Value.getAsInteger(10, *Number))
      return true;
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "cxxdefer: option '-fplugin-arg-cxxdefer-%0' needs a non-negative "
        "integer value, as in -fplugin-arg-cxxdefer-%0=8"))
        << Name;
    return false;
  }
  Diags.Report(Diags.getCustomDiagID(
      DiagnosticsEngine::Error,
      "cxxdefer: unknown option '-fplugin-arg-cxxdefer-%0' (known: remarks, "
      "verbose, warn-defer-in-loop, max-open-defers=N, "
      "max-returns-times-defers=N, force-tier=go|stack|heap)"))
      << Arg;
  return false;
}

bool CxxDeferAction::ParseArgs(const CompilerInstance &CI,
                               const std::vector<std::string> &Args) {
  if (isInsidePreParse())
    return false; // returning false leaves this instance out of the compile
  for (const std::string &Arg : Args)
    OptionsValid &= applyOption(Arg, Opts, CI.getDiagnostics());
  // Even with bad options the plugin takes part, idle, so that the option
  // errors are not followed by "'cxxdefer.h' file not found".
  return true;
}

std::unique_ptr<ASTConsumer>
CxxDeferAction::CreateASTConsumer(CompilerInstance &CI, StringRef InFile) {
  if (!CI.getLangOpts().CPlusPlus)
    return std::make_unique<ASTConsumer>();

  std::string RuntimeIncludeDir = runtimeIncludeDir();
  addRuntimeIncludeDir(CI, RuntimeIncludeDir);

  const FrontendInputFile *Input = findCurrentInput(CI);
  if (!OptionsValid)
    return std::make_unique<ASTConsumer>();
  if (!Input || Input->getKind().getFormat() != InputKind::Source ||
      CI.getLangOpts().isCompilingModule()) {
    if (Opts.Verbose)
      llvm::errs() << "cxxdefer: " << InFile
                   << ": not compiling C++ source text; nothing to do\n";
    return std::make_unique<ASTConsumer>();
  }

  auto S =
      std::make_shared<Session>(CI, *Input, Opts, std::move(RuntimeIncludeDir));
  if (!S->rewriteIfMainFileMentions())
    CI.getPreprocessor().addPPCallbacks(std::make_unique<IncludeWatcher>(S));
  return std::make_unique<FindingReporter>(S);
}

static FrontendPluginRegistry::Add<CxxDeferAction>
    Registration("cxxdefer", "Go's defer for C++: rewrites __defer "
                             "statements before the compile");
