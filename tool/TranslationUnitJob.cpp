//===- TranslationUnitJob.cpp - Rewrite one compile command ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Runs one compile command through ToolInvocation rather than ClangTool:
/// ClangTool changes the process's working directory for each command,
/// derives the resource directory from this tool's own path, and prints
/// "Error while processing" straight to stderr, none of which suits a tool
/// that runs several commands at once and prints in a fixed order. Here each
/// job gets a physical file system view with its own working directory, a
/// fresh FileManager, and a TextDiagnosticPrinter that renders into the
/// job's result; its own ToolAction sends the compiler's closing "N errors
/// generated." there too.
///
/// The core runs inside HandleTranslationUnit because its Findings hold
/// SourceLocations into this TU's SourceManager; they are reported (and all
/// paths made canonical) before the AST is torn down.
///
/// The printer takes its options from the command line, as the compiler
/// itself would (so warnings keep their `[-Wflag]`), except for colour,
/// which follows stderr. Each remark or warning of the core is rendered
/// with a printer reset to a fresh state, so that its text stands alone
/// (include stack and all) when the driver prints it and drops the same
/// remark that another translation unit produced first.
///
//===----------------------------------------------------------------------===//

#include "TranslationUnitJob.h"
#include "PreprocessFirst.h"
#include "cxxdefer/SystemCode.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include <algorithm>

using namespace clang;

namespace cxxdefer {

/// Makes \p Path absolute against \p Directory (itself absolute), then
/// resolves symbolic links and dots: the form of every path in a
/// TranslationUnitResult.
///
/// \returns the canonical path, or the absolute path with dots removed when
///          the file does not exist.
static std::string canonicalPath(llvm::StringRef Directory,
                                 llvm::StringRef Path) {
  llvm::SmallString<256> Absolute;
  if (llvm::sys::path::is_absolute(Path)) {
    Absolute = Path;
  } else {
    Absolute = Directory;
    llvm::sys::fs::make_absolute(Absolute);
    llvm::sys::path::append(Absolute, Path);
  }
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Absolute, Real))
    return std::string(Real);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

/// Returns the canonical name of \p Path, a file name as \p Files knows it
/// (possibly relative to the command's directory).
static std::string canonicalName(FileManager &Files, llvm::StringRef Path) {
  if (OptionalFileEntryRef File = Files.getOptionalFileRef(Path))
    return Files.getCanonicalName(*File).str();
  llvm::SmallString<256> Absolute(Path);
  Files.makeAbsolutePath(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

/// Whether the file of \p Entry is the user's: not a system header, or a
/// library written for cxxdefer with defer statements, included with
/// -isystem; never the runtime's own.
static bool isUserFile(const SrcMgr::FileInfo &Entry, FileEntryRef File) {
  if (isRuntimeHeader(File.getName()))
    return false;
  if (!SrcMgr::isSystem(Entry.getFileCharacteristic()))
    return true;
  std::optional<llvm::MemoryBufferRef> Text =
      Entry.getContentCache().getBufferIfLoaded();
  return Text && isSystemHeaderToRewrite(File.getName(), Text->getBuffer());
}

/// Lists every user file \p SM read (isUserFile), canonical and sorted.
/// Buffers without a file (predefines, command-line macros) are skipped:
/// there is nothing on disk to protect.
static std::vector<std::string> collectUserFiles(SourceManager &SM) {
  llvm::StringSet<> Seen;
  std::vector<std::string> Files;
  for (unsigned I = 0, E = SM.local_sloc_entry_size(); I != E; ++I) {
    const SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
    if (!Entry.isFile())
      continue;
    OptionalFileEntryRef File = Entry.getFile().getContentCache().OrigEntry;
    if (!File || !isUserFile(Entry.getFile(), *File))
      continue;
    std::string Name = SM.getFileManager().getCanonicalName(*File).str();
    if (Seen.insert(Name).second)
      Files.push_back(std::move(Name));
  }
  llvm::sort(Files);
  return Files;
}

/// Keeps what every translation unit gives the run, parsed or not: the
/// user files \p SM read, and the main file's text to print or copy.
static void keepFilesRead(SourceManager &SM, const JobOptions &Opts,
                          TranslationUnitResult &Result) {
  Result.UserFiles = collectUserFiles(SM);
  if (Opts.KeepMainFileText)
    Result.MainFileText = SM.getBufferData(SM.getMainFileID()).str();
}

/// Maps a finding's level to the diagnostic level clang prints for it.
static DiagnosticsEngine::Level diagnosticLevel(DiagLevel Level) {
  switch (Level) {
  case DiagLevel::Error:
    return DiagnosticsEngine::Error;
  case DiagLevel::Warning:
    return DiagnosticsEngine::Warning;
  case DiagLevel::Remark:
    return DiagnosticsEngine::Remark;
  case DiagLevel::Note:
    return DiagnosticsEngine::Note;
  }
  llvm_unreachable("unknown finding level");
}

/// Returns what identifies \p F across translation units (canonical file,
/// offset, level, message), or "" if it is to be printed by every
/// translation unit: errors, which fail each of them, and notes, which
/// belong to the finding before them.
static std::string oncePerRunKey(const Finding &F, SourceManager &SM) {
  if (F.level() != DiagLevel::Remark && F.level() != DiagLevel::Warning)
    return "";
  std::string Where = "<no location>";
  unsigned Offset = 0;
  if (F.Loc.isValid()) {
    std::pair<FileID, unsigned> Decomposed =
        SM.getDecomposedExpansionLoc(F.Loc);
    Offset = Decomposed.second;
    if (OptionalFileEntryRef File = SM.getFileEntryRefForID(Decomposed.first))
      Where = SM.getFileManager().getCanonicalName(*File).str();
  }
  return Where + '\0' + std::to_string(Offset) + '\0' +
         std::to_string(static_cast<int>(F.level())) + '\0' + F.message();
}

/// Reports \p Findings through \p Diags, the TU's own engine, so they print
/// like clang's diagnostics (`file:line:col: warning: ...`, source snippet
/// and all) and errors count towards the TU's error total. \p Log is the
/// stream the engine's printer writes \p Result's Diagnostics with; the
/// range of each remark or warning (with its notes) is recorded in
/// Result.OncePerRun.
///
/// Remarks are dropped unless \p ShowRemarks (or, for -Rpass-analysis
/// remarks, \p ShowAnalysis: --explain); the notes that follow a dropped
/// remark belong to it and are dropped too.
static void reportFindings(llvm::ArrayRef<Finding> Findings,
                           DiagnosticsEngine &Diags, SourceManager &SM,
                           const LangOptions &LangOpts, bool ShowRemarks,
                           bool ShowAnalysis, llvm::raw_string_ostream &Log,
                           TranslationUnitResult &Result) {
  DiagnosticConsumer *Printer = Diags.getClient();
  bool DroppingNotes = false;
  // The group being reported, if it is printed once per run.
  bool GroupIsOnce = false;
  auto CloseGroup = [&] {
    Log.flush();
    if (GroupIsOnce)
      Result.OncePerRun.back().End = Result.Diagnostics.size();
    GroupIsOnce = false;
  };
  for (const Finding &F : Findings) {
    if (F.level() != DiagLevel::Note) {
      bool Analysis = diagFlag(F.Id) == "pass-analysis=defer";
      DroppingNotes = F.level() == DiagLevel::Remark && !ShowRemarks &&
                      !(Analysis && ShowAnalysis);
      if (DroppingNotes)
        continue;
      CloseGroup();
      // A fresh printer state: the include stack and file name are printed
      // again, so this group reads the same when the one before is dropped.
      Printer->EndSourceFile();
      Printer->BeginSourceFile(LangOpts);
      std::string Key = oncePerRunKey(F, SM);
      if (!Key.empty()) {
        Result.OncePerRun.push_back(
            {Result.Diagnostics.size(), Result.Diagnostics.size(), Key});
        GroupIsOnce = true;
      }
    } else if (DroppingNotes) {
      continue;
    }
    // The message is an argument, not the format: it may contain '%'.
    unsigned ID = Diags.getCustomDiagID(diagnosticLevel(F.level()), "%0");
    Diags.Report(F.Loc, ID) << F.message();
  }
  CloseGroup();
}

/// Lists the defer statements that \p Findings classify, by canonical file
/// and offset of the statement's expansion.
static std::vector<ClassifiedDefer>
collectDefers(llvm::ArrayRef<Finding> Findings, SourceManager &SM) {
  std::vector<ClassifiedDefer> Defers;
  for (const Finding &F : Findings) {
    if (!F.Class || F.Loc.isInvalid())
      continue;
    std::pair<FileID, unsigned> Where = SM.getDecomposedExpansionLoc(F.Loc);
    OptionalFileEntryRef File = SM.getFileEntryRefForID(Where.first);
    if (!File)
      continue;
    Defers.push_back({SM.getFileManager().getCanonicalName(*File).str(),
                      Where.second, *F.Class});
  }
  return Defers;
}

namespace {

/// Runs the core on the parsed TU and moves everything worth keeping into
/// the job's result while the SourceManager is still alive.
class RewriteJob {
public:
  RewriteJob(DiagnosticsEngine &Diags, const JobOptions &Opts,
             TranslationUnitResult &Result, llvm::raw_string_ostream &Log)
      : Diags(Diags), Opts(Opts), Result(Result), Log(Log) {}

  void run(ASTContext &Ctx, const MacroTokens *Tokens) {
    SourceManager &SM = Ctx.getSourceManager();
    keepFilesRead(SM, Opts, Result);
    // An AST with errors is not the program the user meant; the core is
    // not asked about it, and the TU fails with the compiler's diagnostics.
    if (static_cast<const AnalysisDiagnostics *>(Diags.getClient())->errors())
      return;

    TranslationUnitRewrite Rewrite =
        rewriteTranslationUnit(Ctx, Tokens, Opts.Rewrite);
    reportFindings(Rewrite.Findings, Diags, SM, Ctx.getLangOpts(),
                   Opts.ShowRemarks, Opts.Rewrite.Explain, Log, Result);
    Result.Stats = Rewrite.Stats;
    Result.Defers = collectDefers(Rewrite.Findings, SM);
    if (Rewrite.hasErrors()) {
      Result.Failed = true;
      return;
    }
    for (RewrittenFile &File : Rewrite.Files) {
      if (File.NewText == File.OriginalText)
        continue;
      File.Path = canonicalName(SM.getFileManager(), File.Path);
      Result.Files.push_back(std::move(File));
    }
  }

private:
  DiagnosticsEngine &Diags;
  const JobOptions &Opts;
  TranslationUnitResult &Result;
  llvm::raw_string_ostream &Log;
};

class RewriteAction : public ASTFrontendAction {
public:
  RewriteAction(const JobOptions &Opts, TranslationUnitResult &Result,
                llvm::raw_string_ostream &Log)
      : Opts(Opts), Result(Result), Log(Log) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    // The preprocessor exists and has not lexed yet: the core's consumer
    // starts recording now.
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    return std::make_unique<AnalysisConsumer>(
        CI.getPreprocessor(),
        [this, &Diags](ASTContext &Ctx, const MacroTokens *Tokens) {
          RewriteJob(Diags, Opts, Result, Log).run(Ctx, Tokens);
        });
  }

private:
  const JobOptions &Opts;
  TranslationUnitResult &Result;
  llvm::raw_string_ostream &Log;
};

/// Builds the CompilerInstance for the invocation that the driver made of
/// the command, as FrontendActionFactory would, except that the compiler's
/// own messages ("2 errors generated.") go to \p Log with the diagnostics
/// instead of straight to stderr.
class RewriteToolAction : public tooling::ToolAction {
public:
  RewriteToolAction(const JobOptions &Opts, TranslationUnitResult &Result,
                    llvm::raw_string_ostream &Log)
      : Opts(Opts), Result(Result), Log(Log) {}

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    if (!needsParse(
            *Invocation, *Files, PCHContainerOps,
            [this](SourceManager &SM) { keepFilesRead(SM, Opts, Result); })) {
      Files->clearStatCache();
      return true;
    }
    // Errors that the rewrite resolves are not the user's.
    AnalysisDiagnostics Filter(DiagConsumer, /*OwnsNext=*/false);
    CompilerInstance Compiler(std::move(PCHContainerOps));
    Compiler.setInvocation(std::move(Invocation));
    Compiler.setFileManager(Files);
    Compiler.setVerboseOutputStream(Log);
    Compiler.createDiagnostics(&Filter, /*ShouldOwnClient=*/false);
    if (!Compiler.hasDiagnostics())
      return false;
    Compiler.createSourceManager(*Files);
    RewriteAction Action(Opts, Result, Log);
    bool Succeeded = Compiler.ExecuteAction(Action) || !Filter.errors();
    Files->clearStatCache();
    return Succeeded && !Filter.errors();
  }

private:
  const JobOptions &Opts;
  TranslationUnitResult &Result;
  llvm::raw_string_ostream &Log;
};

} // namespace

/// Returns true if \p Args already chooses a resource directory.
static bool hasResourceDir(llvm::ArrayRef<std::string> Args) {
  return llvm::any_of(Args, [](llvm::StringRef Arg) {
    return Arg.starts_with("-resource-dir");
  });
}

/// Turns \p Command into the command line the job parses: syntax only, no
/// output or dependency files (what ClangTool does), plus the runtime
/// header's directory and clang's resource directory.
static std::vector<std::string>
adjustCommandLine(const tooling::CompileCommand &Command,
                  const JobOptions &Opts) {
  tooling::ArgumentsAdjuster Adjust = tooling::combineAdjusters(
      tooling::combineAdjusters(tooling::getClangStripOutputAdjuster(),
                                tooling::getClangSyntaxOnlyAdjuster()),
      tooling::getClangStripDependencyFileAdjuster());
  std::vector<std::string> Args = Adjust(Command.CommandLine, Command.Filename);
  if (Args.empty())
    return Args;
  // Inserted right after the compiler's name, so that they precede any
  // `--` and the user's own -isystem directories: the header must be the
  // one this tool's core was built for.
  std::vector<std::string> Extra = {"-isystem", Opts.RuntimeIncludeDir};
  if (!Opts.ResourceDir.empty() && !hasResourceDir(Args) &&
      llvm::sys::fs::is_directory(Opts.ResourceDir))
    Extra.push_back("-resource-dir=" + Opts.ResourceDir);
  // <cxxdefer.h> for the analysis: `__result` gets its function's type.
  Extra.push_back(std::string("-D") + AnalysisMacro);
  Args.insert(Args.begin() + 1, Extra.begin(), Extra.end());
  return Args;
}

/// Returns true if \p Directory is the process's working directory.
static bool isCurrentDirectory(llvm::StringRef Directory) {
  llvm::SmallString<256> Current;
  if (llvm::sys::fs::current_path(Current))
    return false;
  return llvm::sys::fs::equivalent(Current, Directory);
}

TranslationUnitResult
runTranslationUnitJob(const tooling::CompileCommand &Command,
                      const JobOptions &Opts) {
  TranslationUnitResult Result;
  llvm::SmallString<256> Directory(Command.Directory);
  llvm::sys::fs::make_absolute(Directory);
  Result.MainFile = canonicalPath(Directory, Command.Filename);

  llvm::raw_string_ostream OS(Result.Diagnostics);
  OS.enable_colors(Opts.ShowColors);

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
      llvm::vfs::createPhysicalFileSystem();
  if (std::error_code EC = FS->setCurrentWorkingDirectory(Directory)) {
    llvm::WithColor::error(OS, "cxxdefer")
        << "cannot use directory '" << Directory
        << "' of the compile command for '" << Command.Filename
        << "': " << EC.message() << "\n";
    Result.Failed = true;
    return Result;
  }
  auto Files = llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), FS);

  // The printer shapes the text as the command's own diagnostic options say
  // (the [-Wflag] after a warning, carets, columns); which warnings exist is
  // up to the command's flags too. Colour follows stderr, and paths are
  // printed absolute when they would otherwise be relative to a directory
  // other than the user's.
  std::vector<std::string> Args = adjustCommandLine(Command, Opts);
  std::vector<const char *> Argv;
  for (const std::string &Arg : Args)
    Argv.push_back(Arg.c_str());
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> PrinterOpts(
      CreateAndPopulateDiagOpts(Argv).release());
  PrinterOpts->ShowColors = Opts.ShowColors;
  PrinterOpts->AbsolutePath = !isCurrentDirectory(Directory);
  TextDiagnosticPrinter Printer(OS, PrinterOpts.get());

  RewriteToolAction Action(Opts, Result, OS);
  tooling::ToolInvocation Invocation(
      std::move(Args), &Action, Files.get(),
      std::make_shared<PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&Printer);
  bool Succeeded = Invocation.run();
  OS.flush();

  if (!Succeeded || Printer.getNumErrors() != 0)
    Result.Failed = true;
  if (Result.Failed)
    Result.Files.clear();
  return Result;
}

} // namespace cxxdefer
