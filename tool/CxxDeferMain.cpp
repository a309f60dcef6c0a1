//===- CxxDeferMain.cpp - The cxxdefer batch rewriter ---------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The command line of `cxxdefer`, which rewrites source trees that use
/// `__defer` into plain C++ that any compiler builds with only the runtime
/// header. Everything after parsing options lives in BatchRewrite.cpp.
///
/// The usual LibTooling options (`-p`, `--`, `--extra-arg[-before]`) are
/// declared here rather than through CommonOptionsParser, because
/// CommonOptionsParser loads no compilation database when no file is given
/// (and `cxxdefer -p build/` means "every file in the database"), and when it
/// finds none it prints to stderr and carries on; here a missing database
/// given with -p is a usage error. The database is then wrapped in the same
/// ArgumentsAdjustingCompilations that CommonOptionsParser uses.
///
//===----------------------------------------------------------------------===//

#include "BatchRewrite.h"
#include "cxxdefer/Rewrite.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace clang::tooling;

static cl::OptionCategory CxxDeferCategory("cxxdefer options");

static cl::list<std::string>
    SourcePaths(cl::Positional, cl::desc("[<file> ...] [-- <compiler flags>]"),
                cl::cat(CxxDeferCategory));
static cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory with compile_commands.json"),
              cl::value_desc("build-dir"), cl::cat(CxxDeferCategory));
static cl::list<std::string> ArgsAfter(
    "extra-arg",
    cl::desc("Additional argument to append to the compiler command line"),
    cl::cat(CxxDeferCategory));
static cl::list<std::string> ArgsBefore(
    "extra-arg-before",
    cl::desc("Additional argument to prepend to the compiler command line"),
    cl::cat(CxxDeferCategory));

static cl::opt<bool> InPlace("i", cl::desc("Rewrite the files in place"),
                             cl::cat(CxxDeferCategory));
static cl::opt<std::string> OutDir(
    "out-dir",
    cl::desc("Write every input file and every rewritten header below <dir>"),
    cl::value_desc("dir"), cl::cat(CxxDeferCategory));
static cl::opt<std::string> Root(
    "root",
    cl::desc(
        "Directory that --out-dir mirrors and that paths are shown relative "
        "to (default: the current directory)"),
    cl::value_desc("dir"), cl::cat(CxxDeferCategory));
static cl::opt<bool> Diff("diff",
                          cl::desc("Print a unified diff of the changes"),
                          cl::cat(CxxDeferCategory));
static cl::opt<bool>
    Check("check",
          cl::desc("Write nothing; exit with 1 if any file would change"),
          cl::cat(CxxDeferCategory));
static cl::opt<unsigned>
    Jobs("j", cl::desc("Number of parallel jobs (default: one per core)"),
         cl::value_desc("N"), cl::init(0), cl::cat(CxxDeferCategory));
static cl::opt<bool> Quiet("quiet", cl::desc("No progress line and no summary"),
                           cl::cat(CxxDeferCategory));
static cl::alias QuietShort("q", cl::desc("Alias for --quiet"),
                            cl::aliasopt(Quiet), cl::cat(CxxDeferCategory));

static cl::opt<bool>
    Remarks("remarks",
            cl::desc("Report the class of every defer statement "
                     "(open-coded, stack-allocated, heap-allocated)"),
            cl::cat(CxxDeferCategory));
// The core's options, one cl::opt each, from the one list the plugin reads
// too (rewriter/include/cxxdefer/Options.def).
#define CXXDEFER_OPTION(Field, Kind, Spelling, Default, Help)                  \
  CXXDEFER_TOOL_OPTION_##Kind(Field, Spelling, Default, Help)
#define CXXDEFER_TOOL_OPTION_Flag(Field, Spelling, Default, Help)              \
  static cl::opt<bool> Opt##Field(Spelling, cl::desc(Help), cl::init(Default), \
                                  cl::cat(CxxDeferCategory));
#define CXXDEFER_TOOL_OPTION_Number(Field, Spelling, Default, Help)            \
  static cl::opt<unsigned> Opt##Field(Spelling, cl::desc(Help),                \
                                      cl::value_desc("N"), cl::init(Default),  \
                                      cl::cat(CxxDeferCategory));
#define CXXDEFER_TOOL_OPTION_Tier(Field, Spelling, Default, Help)              \
  static cl::opt<cxxdefer::ForcedTier> Opt##Field(                             \
      Spelling, cl::desc(Help),                                                \
      cl::values(clEnumValN(cxxdefer::ForcedTier::Go, "go",                    \
                            "Go's classification (the default)"),              \
                 clEnumValN(cxxdefer::ForcedTier::Stack, "stack",              \
                            "no open-coded defers"),                           \
                 clEnumValN(cxxdefer::ForcedTier::Heap, "heap",                \
                            "every defer from the record pool")),              \
      cl::init(Default), cl::cat(CxxDeferCategory));
using cxxdefer::ForcedTier;
#include "cxxdefer/Options.def"

static cl::extrahelp CommonHelp(CommonOptionsParser::HelpMessage);
static cl::extrahelp MoreHelp(R"(
Output:
  By default the new text of each input file goes to stdout (with several
  inputs, each follows a '==> path <==' line; rewritten headers are only
  named). --out-dir writes every input and every rewritten header to
  <dir>/<path relative to --root>; -i replaces the changed files; --diff
  prints a unified diff (apply it with 'patch -p1' in the root); --check
  writes nothing and lists the files that would change (with --diff, shows
  how). A file is written whole or not at all, and a translation unit's
  files all together or none of them: none if it or a unit it shares a
  rewritten file with has errors, if two units rewrite a file differently,
  or if one of its files cannot be written (read-only files are never
  replaced; with --out-dir, files outside --root cannot be written).

Progress:
  On a terminal, a run over several files shows a [done/total] line on
  stderr; every run ends with a one-line summary there: files scanned
  (every file read but system headers), changed (or would change), written
  (--out-dir: rewritten or copied), failed (meant to be output and not),
  errors, and defers by class. --quiet drops both; diagnostics always
  print, in command order whatever -j is, and a remark or warning about a
  header that several translation units include is printed once.

Exit status:
  0  success
  1  --check: some file would change
  2  a translation unit had errors, or a file was not written
  3  bad command line, or no compilation database
)");

/// Prints `cxxdefer --version`.
static void printVersion(raw_ostream &OS) {
  OS << "cxxdefer " CXXDEFER_VERSION "\n  built with "
     << clang::getClangFullVersion() << "\n";
}

/// Starts a usage error message on stderr.
static raw_ostream &usageError() {
  return WithColor::error(errs(), "cxxdefer");
}

/// Picks the output mode from the mode flags.
///
/// \returns the mode, or nullopt (after reporting why) if the flags clash.
static std::optional<cxxdefer::OutputMode> selectMode() {
  unsigned Writers = InPlace + !OutDir.empty() + (Diff && !Check);
  if (Writers > 1 || (Check && (InPlace || !OutDir.empty()))) {
    usageError() << "choose one of -i, --out-dir, --diff and --check "
                    "(--check may be combined with --diff)\n";
    return std::nullopt;
  }
  if (Check)
    return cxxdefer::OutputMode::Check;
  if (InPlace)
    return cxxdefer::OutputMode::InPlace;
  if (!OutDir.empty())
    return cxxdefer::OutputMode::OutDir;
  if (Diff)
    return cxxdefer::OutputMode::Diff;
  return cxxdefer::OutputMode::Stdout;
}

/// Finds the compile commands: the flags after `--`, else the database in
/// -p's directory, else one found above the first file, else no flags.
///
/// \returns the database, or nullptr (after reporting why).
static std::unique_ptr<CompilationDatabase>
loadCompilations(std::unique_ptr<CompilationDatabase> FromCommandLine) {
  std::string Message;
  std::unique_ptr<CompilationDatabase> Compilations =
      std::move(FromCommandLine);
  if (Compilations) {
    if (!BuildPath.empty()) {
      usageError() << "-p and flags after -- cannot be used together\n";
      return nullptr;
    }
  } else if (!BuildPath.empty()) {
    // autoDetectFromDirectory also searches the parents of the directory;
    // a directory that is not there must not fall back on an enclosing
    // build's database.
    if (!sys::fs::is_directory(BuildPath)) {
      usageError() << "-p '" << BuildPath << "' is not a directory\n";
      return nullptr;
    }
    Compilations =
        CompilationDatabase::autoDetectFromDirectory(BuildPath, Message);
    if (!Compilations) {
      usageError() << "cannot load a compilation database from '" << BuildPath
                   << "': " << StringRef(Message).rtrim() << "\n";
      return nullptr;
    }
  } else {
    Compilations =
        CompilationDatabase::autoDetectFromSource(SourcePaths.front(), Message);
    if (!Compilations) {
      WithColor::warning(errs(), "cxxdefer")
          << "no compilation database found for '" << SourcePaths.front()
          << "'; parsing without flags (use -p <build-dir> or flags after "
             "--)\n";
      Compilations = std::make_unique<FixedCompilationDatabase>(
          ".", std::vector<std::string>());
    }
  }
  auto Adjusting =
      std::make_unique<ArgumentsAdjustingCompilations>(std::move(Compilations));
  Adjusting->appendArgumentsAdjuster(combineAdjusters(
      getInsertArgumentAdjuster(ArgsBefore, ArgumentInsertPosition::BEGIN),
      getInsertArgumentAdjuster(ArgsAfter, ArgumentInsertPosition::END)));
  return Adjusting;
}

/// Fills in the directories: Root canonical and existing, OutDir absolute
/// and different from Root.
///
/// \returns false (after reporting why) if they are unusable.
static bool resolveDirectories(cxxdefer::BatchOptions &Opts) {
  SmallString<256> RootPath(Root.empty() ? "." : Root.getValue());
  if (sys::fs::real_path(RootPath, RootPath) ||
      !sys::fs::is_directory(RootPath)) {
    usageError() << "--root '" << Root << "' is not a directory\n";
    return false;
  }
  Opts.Root = std::string(RootPath);
  if (OutDir.empty())
    return true;
  SmallString<256> OutPath(OutDir.getValue());
  sys::fs::make_absolute(OutPath);
  sys::path::remove_dots(OutPath, /*remove_dot_dot=*/true);
  if (sys::fs::equivalent(OutPath, RootPath)) {
    usageError()
        << "--out-dir is the root itself; use -i to rewrite in place\n";
    return false;
  }
  Opts.OutDir = std::string(OutPath);
  return true;
}

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(CxxDeferCategory);
  cl::SetVersionPrinter(printVersion);

  // Takes everything after `--` off the command line first. Problems with
  // those flags are not reported here: every job runs the driver on them
  // again and reports them with that file's diagnostics.
  std::string FlagsError;
  std::unique_ptr<CompilationDatabase> FromCommandLine =
      FixedCompilationDatabase::loadFromCommandLine(argc, argv, FlagsError);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "cxxdefer: rewrite C++ that uses __defer into plain C++\n", &errs()))
    return cxxdefer::ExitUsage;

  cxxdefer::BatchOptions Opts;
  std::optional<cxxdefer::OutputMode> Mode = selectMode();
  if (!Mode)
    return cxxdefer::ExitUsage;
  Opts.Mode = *Mode;
  Opts.CheckShowsDiff = Check && Diff;
  if (SourcePaths.empty() && BuildPath.empty()) {
    usageError()
        << "no input files; name them, or give -p <build-dir> for every file "
           "of its compilation database\n";
    return cxxdefer::ExitUsage;
  }
  std::unique_ptr<CompilationDatabase> Compilations =
      loadCompilations(std::move(FromCommandLine));
  if (!Compilations || !resolveDirectories(Opts))
    return cxxdefer::ExitUsage;

  Opts.Jobs = Jobs;
  Opts.Quiet = Quiet;
#define CXXDEFER_OPTION(Field, Kind, Spelling, Default, Help)                  \
  Opts.Job.Rewrite.Field = Opt##Field;
#include "cxxdefer/Options.def"
  Opts.Job.ShowRemarks = Remarks;
  Opts.Job.ShowColors = errs().has_colors();
  Opts.Job.KeepMainFileText = Opts.Mode == cxxdefer::OutputMode::Stdout ||
                              Opts.Mode == cxxdefer::OutputMode::OutDir;
  Opts.Job.RuntimeIncludeDir = cxxdefer::runtimeIncludeDir();
  Opts.Job.ResourceDir = CXXDEFER_CLANG_RESOURCE_DIR;

  return cxxdefer::runBatchRewrite(*Compilations, SourcePaths, Opts);
}
