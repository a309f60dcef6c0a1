//===- BatchRewrite.cpp - Rewrite many TUs and write the results ----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Three phases, each finished before the next starts:
///
///   1. Jobs. Every compile command runs on the thread pool. A job's
///      diagnostics are printed as soon as every earlier command's have
///      been, so the output is the same for any -j, and a long run still
///      shows problems early. On a terminal a progress line sits below them.
///   2. Merge. One verdict per file (MergeResults.h); files that TUs
///      disagree on are reported here.
///   3. Plan. Every file to output, with the TUs that need it (WritePlan.h):
///      a TU's files are output together or not at all. In the writing
///      modes a file that cannot be written (read-only, outside --root,
///      changed on disk since it was read) holds its TUs back before
///      anything is written.
///   4. Output. Print, diff, check or write, in a fixed order: inputs in
///      command order for stdout, everything else sorted by path. Writing
///      is per file all-or-nothing (AtomicWrite.h); a write that fails
///      holds its TUs back, and the files already written for them are
///      restored.
///
/// The summary counts files, one unit for all: `scanned` is every user
/// file the TUs read (headers included; an input that does not exist or
/// has no command is not one), `changed` every file whose new text was
/// written (or would be, in the modes that write nothing), `written`
/// (--out-dir) every file put below the output directory, rewritten or
/// copied, and `failed` every file the run meant to output and did not.
///
/// A core remark or warning that several TUs report at the same place (in
/// a header they share) is printed for the first of them only.
///
/// Messages that belong to a source location were already rendered by the
/// jobs; what is left here (a file that cannot be written, two TUs that
/// disagree) is about a whole file and is printed the way LLVM's tools
/// print such messages, `cxxdefer: error: ...`.
///
//===----------------------------------------------------------------------===//

#include "BatchRewrite.h"
#include "AtomicWrite.h"
#include "MergeResults.h"
#include "UnifiedDiff.h"
#include "WritePlan.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <mutex>
#include <optional>

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;

namespace cxxdefer {

/// Starts a whole-file error message on stderr.
static llvm::raw_ostream &error() {
  return llvm::WithColor::error(llvm::errs(), "cxxdefer");
}

/// Starts a whole-file note on stderr.
static llvm::raw_ostream &note() {
  return llvm::WithColor::note(llvm::errs(), "cxxdefer");
}

/// Returns "N thing" or "N things".
static std::string plural(size_t N, llvm::StringRef Singular,
                          llvm::StringRef Plural) {
  return std::to_string(N) + " " + (N == 1 ? Singular : Plural).str();
}

/// Returns \p Path made absolute against the working directory, without
/// resolving symbolic links: compilation databases name files the way the
/// build spelled them.
static std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

namespace {

/// One input file: the main file of one or more compile commands.
struct Input {
  /// Canonical path.
  std::string Path;
  /// The first command for it, whose MainFileText is printed or copied.
  size_t Unit;
};

/// A file the run wrote, and what to put back if its TUs are held back.
struct WrittenFile {
  size_t File;
  std::string Destination;
  /// The destination's text before, or nullopt if it did not exist.
  std::optional<std::string> Previous;
};

/// Runs the phases for one set of options and counts what happened.
class BatchRewriter {
public:
  explicit BatchRewriter(const BatchOptions &Opts) : Opts(Opts) {}

  int run(const CompilationDatabase &Compilations,
          std::vector<std::string> Files);

private:
  bool writes() const {
    return Opts.Mode == OutputMode::InPlace || Opts.Mode == OutputMode::OutDir;
  }
  bool outputsInputs() const {
    return Opts.Mode == OutputMode::Stdout || Opts.Mode == OutputMode::OutDir;
  }

  std::vector<CompileCommand>
  findCommands(const CompilationDatabase &Compilations,
               llvm::ArrayRef<std::string> Files);
  std::vector<TranslationUnitResult>
  runJobs(llvm::ArrayRef<CompileCommand> Commands);
  void printDiagnostics(TranslationUnitResult &Unit);
  void reportRejectedFiles(const MergedRewrite &Merged);
  void makePlan(llvm::ArrayRef<Input> Inputs, const MergedRewrite &Merged);
  void reportHeldUnits(const std::vector<HeldUnit> &Held);
  std::optional<std::string> destination(const PlannedFile &File);
  void checkDestinations();
  bool writeFile(size_t Index, std::vector<WrittenFile> &Written);
  void restore(std::vector<WrittenFile> &Written);
  void writeFiles();
  void printInputs(llvm::ArrayRef<Input> Inputs);
  void printDiffs();
  void listChanges();
  void count();
  void printSummary(const RewriteStats &Stats) const;

  std::optional<std::string> relativeToRoot(llvm::StringRef Path) const;
  std::string displayPath(llvm::StringRef Path) const;

  const BatchOptions &Opts;
  std::vector<TranslationUnitResult> Units;
  WritePlan Plan;
  /// Files written below --out-dir (a destination already up to date is
  /// not written again).
  llvm::StringSet<> WrittenNow;
  /// Keys of the once-per-run diagnostics already printed.
  llvm::StringSet<> PrintedOnce;
  size_t Scanned = 0;
  size_t Changed = 0;
  size_t Written = 0;
  size_t Failed = 0;
  size_t Errors = 0;
};

} // namespace

std::optional<std::string>
BatchRewriter::relativeToRoot(llvm::StringRef Path) const {
  llvm::StringRef Root = Opts.Root;
  std::string Prefix = Root.str();
  if (!llvm::sys::path::is_separator(Root.back()))
    Prefix += llvm::sys::path::get_separator();
  if (!Path.starts_with(Prefix))
    return std::nullopt;
  return Path.drop_front(Prefix.size()).str();
}

std::string BatchRewriter::displayPath(llvm::StringRef Path) const {
  return relativeToRoot(Path).value_or(Path.str());
}

/// Looks up every command for \p Files, reporting files that do not exist
/// or have none, and files whose command the database only guessed.
std::vector<CompileCommand>
BatchRewriter::findCommands(const CompilationDatabase &Compilations,
                            llvm::ArrayRef<std::string> Files) {
  std::vector<CompileCommand> Commands;
  for (const std::string &File : Files) {
    std::string Path = absolutePath(File);
    if (!llvm::sys::fs::exists(Path)) {
      error() << "no such file: '" << File << "'\n";
      ++Errors;
      continue;
    }
    std::vector<CompileCommand> ForFile = Compilations.getCompileCommands(Path);
    if (ForFile.empty()) {
      error() << "no compile command for '" << File
              << "' in the compilation database\n";
      ++Errors;
    }
    for (CompileCommand &Command : ForFile) {
      // A JSON database answers for a file it does not list with the
      // command of a similar file (clang's InterpolatingCompilationDatabase);
      // the flags may well be wrong for it.
      if (!Command.Heuristic.empty())
        llvm::WithColor::warning(llvm::errs(), "cxxdefer")
            << "'" << File
            << "' is not in the compilation database; parsing it with a "
               "guessed command ("
            << Command.Heuristic << ")\n";
      Commands.push_back(std::move(Command));
    }
  }
  return Commands;
}

/// Prints \p Unit's diagnostics, leaving out the once-per-run parts that an
/// earlier unit printed, then frees them.
void BatchRewriter::printDiagnostics(TranslationUnitResult &Unit) {
  llvm::raw_ostream &OS = llvm::errs();
  llvm::StringRef Text = Unit.Diagnostics;
  size_t At = 0;
  for (const OncePerRunDiagnostic &Once : Unit.OncePerRun) {
    OS << Text.slice(At, Once.Begin);
    if (PrintedOnce.insert(Once.Key).second)
      OS << Text.slice(Once.Begin, Once.End);
    At = Once.End;
  }
  OS << Text.drop_front(At);
  std::string().swap(Unit.Diagnostics);
  std::vector<OncePerRunDiagnostic>().swap(Unit.OncePerRun);
}

/// Runs one job per command on the thread pool and prints each job's
/// diagnostics in command order.
std::vector<TranslationUnitResult>
BatchRewriter::runJobs(llvm::ArrayRef<CompileCommand> Commands) {
  const size_t Total = Commands.size();
  std::vector<TranslationUnitResult> Results(Total);
  std::vector<bool> Done(Total, false);
  size_t Printed = 0, Finished = 0;
  std::mutex Lock;
  const bool ShowProgress =
      !Opts.Quiet && Total > 1 && llvm::errs().is_displayed();
  llvm::raw_ostream &OS = llvm::errs();

  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Opts.Jobs));
  for (size_t I = 0; I != Total; ++I) {
    Pool.async([&, I] {
      TranslationUnitResult Unit = runTranslationUnitJob(Commands[I], Opts.Job);
      std::lock_guard<std::mutex> Guard(Lock);
      Results[I] = std::move(Unit);
      Done[I] = true;
      ++Finished;
      if (ShowProgress)
        OS << "\r\x1b[K";
      // Print every finished unit that no unfinished one precedes: -j
      // changes when the text appears, never the text. Printed text is
      // freed, so a long run does not hold all of it.
      for (; Printed != Total && Done[Printed]; ++Printed)
        printDiagnostics(Results[Printed]);
      if (ShowProgress)
        OS << '[' << Finished << '/' << Total << "] "
           << displayPath(Results[I].MainFile);
      OS.flush();
    });
  }
  Pool.wait();
  if (ShowProgress)
    OS << "\r\x1b[K";
  return Results;
}

/// Reports every file that some TU rewrote but that must stay untouched
/// because TUs disagree on it or one that reads it has errors.
void BatchRewriter::reportRejectedFiles(const MergedRewrite &Merged) {
  for (const MergedFile &File : Merged.Files) {
    if (File.DisagreeingUnit) {
      error() << "translation units disagree on the rewrite of '"
              << displayPath(File.Path) << "'; it is left untouched\n";
      const std::string &Other = Units[*File.DisagreeingUnit].MainFile;
      if (File.DisagreeingUnitKeepsText)
        note() << "rewritten for '" << displayPath(Units[File.Unit].MainFile)
               << "', but '" << displayPath(Other)
               << "' reads it and sees no defer statement to rewrite (is one "
                  "hidden by #if?)\n";
      else
        note() << "rewritten one way for '"
               << displayPath(Units[File.Unit].MainFile)
               << "' and another way for '" << displayPath(Other) << "'\n";
      ++Errors;
    } else if (File.FailedUnit &&
               File.Path != Units[*File.FailedUnit].MainFile) {
      // The failing TU itself was already reported with its diagnostics.
      note() << "'" << displayPath(File.Path) << "' is left untouched because '"
             << displayPath(Units[*File.FailedUnit].MainFile)
             << "' has errors\n";
    }
  }
}

/// Fills the plan: every rewritten file, and in the modes that output
/// inputs every input as it is; each with the TUs that need it. Files that
/// merging rejected, and inputs of TUs with errors, are held from the start.
void BatchRewriter::makePlan(llvm::ArrayRef<Input> Inputs,
                             const MergedRewrite &Merged) {
  for (const MergedFile &File : Merged.Files) {
    size_t Index = Plan.addFile(File.Path, File.NewText, File.OriginalText);
    if (!File.isWritable())
      Plan.hold(Index);
  }
  if (outputsInputs())
    for (const Input &In : Inputs) {
      std::optional<size_t> Index = Plan.find(In.Path);
      if (!Index) {
        const std::string &Text = Units[In.Unit].MainFileText;
        Index = Plan.addFile(In.Path, Text, Text);
      }
      if (Merged.Untouchable.count(In.Path))
        Plan.hold(*Index);
    }
  for (size_t I = 0; I != Units.size(); ++I) {
    if (Units[I].Failed)
      continue;
    for (const RewrittenFile &File : Units[I].Files)
      Plan.addUnit(*Plan.find(File.Path), I);
    if (std::optional<size_t> Main = Plan.find(Units[I].MainFile))
      Plan.addUnit(*Main, I);
  }
}

/// Notes, for every TU held back, which file held it back; a TU whose only
/// file that would have been output is that file needs no note.
void BatchRewriter::reportHeldUnits(const std::vector<HeldUnit> &Held) {
  for (const HeldUnit &H : Held) {
    if (Plan.unitFiles(H.Unit).size() < 2)
      continue;
    const std::string &Main = Units[H.Unit].MainFile;
    const std::string &Cause = Plan.files()[H.Cause].Path;
    if (Cause == Main)
      note() << "nothing else of the translation unit of '" << displayPath(Main)
             << "' is output either\n";
    else
      note() << "nothing is output for '" << displayPath(Main)
             << "': its translation unit also needs '" << displayPath(Cause)
             << "', which is left untouched\n";
  }
}

/// Returns where \p File goes (itself for -i), or nullopt after reporting
/// why it cannot go anywhere.
std::optional<std::string> BatchRewriter::destination(const PlannedFile &File) {
  if (Opts.Mode == OutputMode::InPlace)
    return File.Path;
  std::optional<std::string> Relative = relativeToRoot(File.Path);
  if (!Relative) {
    error() << "'" << File.Path << "' is outside the root '" << Opts.Root
            << "'; it is not written (see --root)\n";
    ++Errors;
    return std::nullopt;
  }
  llvm::SmallString<256> Destination(Opts.OutDir);
  llvm::sys::path::append(Destination, *Relative);
  return std::string(Destination);
}

/// Before anything is written: holds every file whose destination is
/// unusable, then every TU that needs one of them.
void BatchRewriter::checkDestinations() {
  for (size_t I = 0; I != Plan.files().size(); ++I) {
    const PlannedFile &File = Plan.files()[I];
    if (File.Held || (Opts.Mode == OutputMode::InPlace && !File.changed()))
      continue;
    std::optional<std::string> Destination = destination(File);
    if (!Destination) {
      Plan.hold(I);
      continue;
    }
    if (isReadOnly(*Destination)) {
      error() << "'" << displayPath(*Destination)
              << "' is read-only; it is left untouched (make it writable "
                 "to have it rewritten)\n";
      ++Errors;
      Plan.hold(I);
      continue;
    }
    if (Opts.Mode != OutputMode::InPlace)
      continue;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> OnDisk =
        llvm::MemoryBuffer::getFile(File.Path, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!OnDisk || (*OnDisk)->getBuffer() != File.OriginalText) {
      error() << "'" << displayPath(File.Path)
              << "' changed on disk while it was being rewritten; it is left "
                 "untouched\n";
      ++Errors;
      Plan.hold(I);
    }
  }
  reportHeldUnits(Plan.close());
}

/// Writes file \p Index of the plan, remembering what it replaced.
///
/// \returns false (after reporting why) if the write failed.
bool BatchRewriter::writeFile(size_t Index, std::vector<WrittenFile> &Done) {
  const PlannedFile &File = Plan.files()[Index];
  std::optional<std::string> Destination = destination(File);
  if (!Destination)
    return false;
  std::optional<std::string> Previous;
  if (llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Existing =
          llvm::MemoryBuffer::getFile(*Destination, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false)) {
    // An output already up to date is left alone, so that its timestamp
    // triggers no rebuild.
    if ((*Existing)->getBuffer() == File.Text)
      return true;
    Previous = (*Existing)->getBuffer().str();
  }
  if (llvm::Error Err = writeFileAtomically(*Destination, File.Text)) {
    error() << llvm::toString(std::move(Err)) << "\n";
    ++Errors;
    return false;
  }
  Done.push_back({Index, *Destination, std::move(Previous)});
  WrittenNow.insert(*Destination);
  return true;
}

/// Puts back what the run wrote for files that are now held.
void BatchRewriter::restore(std::vector<WrittenFile> &Done) {
  for (WrittenFile &W : Done) {
    if (!Plan.files()[W.File].Held)
      continue;
    WrittenNow.erase(W.Destination);
    std::error_code EC;
    if (W.Previous) {
      if (llvm::Error Err = writeFileAtomically(W.Destination, *W.Previous))
        EC = llvm::errorToErrorCode(std::move(Err));
    } else {
      EC = llvm::sys::fs::remove(W.Destination);
    }
    if (EC) {
      error() << "cannot restore '" << displayPath(W.Destination)
              << "' after a failed write: " << EC.message() << "\n";
      ++Errors;
    }
  }
  llvm::erase_if(
      Done, [&](const WrittenFile &W) { return Plan.files()[W.File].Held; });
}

/// Writes every file the plan still holds good, in path order. A failed
/// write holds back its TUs, and what was written for them is restored.
void BatchRewriter::writeFiles() {
  checkDestinations();
  std::vector<size_t> Order;
  for (size_t I = 0; I != Plan.files().size(); ++I)
    Order.push_back(I);
  llvm::sort(Order, [&](size_t A, size_t B) {
    return Plan.files()[A].Path < Plan.files()[B].Path;
  });
  std::vector<WrittenFile> Done;
  for (size_t I : Order) {
    const PlannedFile &File = Plan.files()[I];
    if (File.Held || (Opts.Mode == OutputMode::InPlace && !File.changed()))
      continue;
    if (writeFile(I, Done))
      continue;
    Plan.hold(I);
    reportHeldUnits(Plan.close());
    restore(Done);
  }
}

/// Prints the new text of every input file; with several inputs, each
/// under a `==> path <==` line, as head(1) does.
void BatchRewriter::printInputs(llvm::ArrayRef<Input> Inputs) {
  llvm::raw_ostream &OS = llvm::outs();
  const bool Headed = Inputs.size() > 1;
  bool First = true;
  for (const Input &In : Inputs) {
    const PlannedFile &File = Plan.files()[*Plan.find(In.Path)];
    if (File.Held)
      continue;
    std::string Text = File.Text;
    if (Headed) {
      OS << (First ? "" : "\n") << "==> " << displayPath(In.Path) << " <==\n";
      if (!Text.empty() && Text.back() != '\n')
        Text.push_back('\n');
    }
    OS << Text;
    First = false;
  }
  OS.flush();
  llvm::StringSet<> IsInput;
  for (const Input &In : Inputs)
    IsInput.insert(In.Path);
  for (const PlannedFile &File : Plan.files())
    if (!File.Held && File.changed() && !IsInput.count(File.Path))
      note() << "rewritten header '" << displayPath(File.Path)
             << "' is not printed; use --diff, --out-dir or -i\n";
}

/// Returns the plan's changed files that are not held, sorted by path.
static std::vector<const PlannedFile *> changedFiles(const WritePlan &Plan) {
  std::vector<const PlannedFile *> Files;
  for (const PlannedFile &File : Plan.files())
    if (!File.Held && File.changed())
      Files.push_back(&File);
  llvm::sort(Files, [](const PlannedFile *A, const PlannedFile *B) {
    return A->Path < B->Path;
  });
  return Files;
}

/// Prints a unified diff of every change, `a/` and `b/` prefixed below the
/// root so that `patch -p1` or `git apply` in the root applies it.
void BatchRewriter::printDiffs() {
  for (const PlannedFile *File : changedFiles(Plan)) {
    std::optional<std::string> Relative = relativeToRoot(File->Path);
    std::string OldName = Relative ? "a/" + *Relative : File->Path;
    std::string NewName = Relative ? "b/" + *Relative : File->Path;
    llvm::outs() << makeUnifiedDiff(OldName, NewName, File->OriginalText,
                                    File->Text);
  }
  llvm::outs().flush();
}

/// Lists every file that would change, one `would rewrite PATH` per line.
void BatchRewriter::listChanges() {
  for (const PlannedFile *File : changedFiles(Plan))
    llvm::outs() << "would rewrite " << displayPath(File->Path) << "\n";
  llvm::outs().flush();
}

/// Counts the files: see the summary's description at the top.
void BatchRewriter::count() {
  llvm::StringSet<> Read;
  for (const TranslationUnitResult &Unit : Units)
    for (const std::string &Path : Unit.UserFiles)
      Read.insert(Path);
  Scanned = Read.size();
  for (const PlannedFile &File : Plan.files()) {
    if (File.Held) {
      if (outputsInputs() || File.changed())
        ++Failed;
      continue;
    }
    if (File.changed())
      ++Changed;
  }
  Written = WrittenNow.size();
}

/// Prints the one-line summary: files, errors, defers by class.
void BatchRewriter::printSummary(const RewriteStats &Stats) const {
  llvm::raw_ostream &OS = llvm::errs();
  OS << "cxxdefer: " << plural(Scanned, "file", "files") << " scanned, "
     << Changed << (writes() ? " changed, " : " would change, ");
  if (Opts.Mode == OutputMode::OutDir)
    OS << Written << " written, ";
  OS << Failed << " failed, " << plural(Errors, "error", "errors")
     << "; defers: " << Stats.OpenCoded << " open-coded, "
     << Stats.StackAllocated << " stack-allocated, " << Stats.HeapAllocated
     << " heap-allocated\n";
}

int BatchRewriter::run(const CompilationDatabase &Compilations,
                       std::vector<std::string> Files) {
  if (Files.empty()) {
    Files = Compilations.getAllFiles();
    llvm::sort(Files);
  }
  // A file named twice is still one input.
  llvm::StringSet<> Named;
  llvm::erase_if(Files, [&](const std::string &File) {
    return !Named.insert(absolutePath(File)).second;
  });
  std::vector<CompileCommand> Commands = findCommands(Compilations, Files);
  Units = runJobs(Commands);
  Errors += llvm::count_if(
      Units, [](const TranslationUnitResult &U) { return U.Failed; });

  std::vector<Input> Inputs;
  llvm::StringSet<> SeenInputs;
  for (size_t I = 0; I != Units.size(); ++I)
    if (SeenInputs.insert(Units[I].MainFile).second)
      Inputs.push_back({Units[I].MainFile, I});

  MergedRewrite Merged = mergeTranslationUnits(Units);
  reportRejectedFiles(Merged);
  makePlan(Inputs, Merged);
  reportHeldUnits(Plan.close());

  switch (Opts.Mode) {
  case OutputMode::Stdout:
    printInputs(Inputs);
    break;
  case OutputMode::OutDir:
  case OutputMode::InPlace:
    writeFiles();
    break;
  case OutputMode::Diff:
    printDiffs();
    break;
  case OutputMode::Check:
    if (Opts.CheckShowsDiff)
      printDiffs();
    else
      listChanges();
    break;
  }

  count();
  if (!Opts.Quiet)
    printSummary(Merged.Stats);
  if (Errors != 0)
    return ExitFailure;
  if (Opts.Mode == OutputMode::Check && Changed != 0)
    return ExitWouldChange;
  return ExitSuccess;
}

int runBatchRewrite(const CompilationDatabase &Compilations,
                    std::vector<std::string> Files, const BatchOptions &Opts) {
  return BatchRewriter(Opts).run(Compilations, std::move(Files));
}

} // namespace cxxdefer
