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
///   3. Output. Print, diff, check or write, in a fixed order: inputs in
///      command order for stdout, everything else sorted by path. Writing
///      is per file all-or-nothing (AtomicWrite.h), and in place only if the
///      file on disk is still the text the core rewrote.
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

/// Runs the three phases for one set of options and counts what happened.
class BatchRewriter {
public:
  explicit BatchRewriter(const BatchOptions &Opts) : Opts(Opts) {}

  int run(const CompilationDatabase &Compilations,
          std::vector<std::string> Files);

private:
  std::vector<CompileCommand>
  findCommands(const CompilationDatabase &Compilations,
               llvm::ArrayRef<std::string> Files);
  std::vector<TranslationUnitResult>
  runJobs(llvm::ArrayRef<CompileCommand> Commands);
  void reportRejectedFiles(const MergedRewrite &Merged,
                           llvm::ArrayRef<TranslationUnitResult> Units);
  std::optional<std::string>
  inputText(const Input &In, const MergedRewrite &Merged,
            llvm::ArrayRef<TranslationUnitResult> Units) const;
  void printInputs(llvm::ArrayRef<Input> Inputs, const MergedRewrite &Merged,
                   llvm::ArrayRef<TranslationUnitResult> Units);
  void printDiffs(const MergedRewrite &Merged);
  void listChanges(const MergedRewrite &Merged);
  void writeInPlace(const MergedRewrite &Merged);
  void writeOutDir(llvm::ArrayRef<Input> Inputs, const MergedRewrite &Merged,
                   llvm::ArrayRef<TranslationUnitResult> Units);
  void printSummary(const RewriteStats &Stats) const;

  std::optional<std::string> relativeToRoot(llvm::StringRef Path) const;
  std::string displayPath(llvm::StringRef Path) const;

  const BatchOptions &Opts;
  size_t Scanned = 0;
  size_t Changed = 0;
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
/// or have none.
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
    for (CompileCommand &Command : ForFile)
      Commands.push_back(std::move(Command));
  }
  return Commands;
}

/// Runs one job per command on the thread pool and prints each job's
/// diagnostics in command order.
std::vector<TranslationUnitResult>
BatchRewriter::runJobs(llvm::ArrayRef<CompileCommand> Commands) {
  const size_t Total = Commands.size();
  std::vector<TranslationUnitResult> Units(Total);
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
      Units[I] = std::move(Unit);
      Done[I] = true;
      ++Finished;
      if (ShowProgress)
        OS << "\r\x1b[K";
      // Print every finished unit that no unfinished one precedes: -j
      // changes when the text appears, never the text. Printed text is
      // freed, so a long run does not hold all of it.
      for (; Printed != Total && Done[Printed]; ++Printed) {
        OS << Units[Printed].Diagnostics;
        std::string().swap(Units[Printed].Diagnostics);
      }
      if (ShowProgress)
        OS << '[' << Finished << '/' << Total << "] "
           << displayPath(Units[I].MainFile);
      OS.flush();
    });
  }
  Pool.wait();
  if (ShowProgress)
    OS << "\r\x1b[K";
  return Units;
}

/// Reports every file that some TU rewrote but that must stay untouched.
void BatchRewriter::reportRejectedFiles(
    const MergedRewrite &Merged, llvm::ArrayRef<TranslationUnitResult> Units) {
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

/// Returns the text to print or copy for \p In: its new text, or its
/// original text if nothing in it changes; nullopt if it must not appear.
std::optional<std::string>
BatchRewriter::inputText(const Input &In, const MergedRewrite &Merged,
                         llvm::ArrayRef<TranslationUnitResult> Units) const {
  if (Merged.Untouchable.count(In.Path))
    return std::nullopt;
  if (const MergedFile *File = Merged.find(In.Path))
    return File->isWritable() ? std::optional<std::string>(File->NewText)
                              : std::nullopt;
  return Units[In.Unit].MainFileText;
}

/// Prints the new text of every input file; with several inputs, each
/// under a `==> path <==` line, as head(1) does.
void BatchRewriter::printInputs(llvm::ArrayRef<Input> Inputs,
                                const MergedRewrite &Merged,
                                llvm::ArrayRef<TranslationUnitResult> Units) {
  llvm::raw_ostream &OS = llvm::outs();
  const bool Headed = Inputs.size() > 1;
  bool First = true;
  llvm::StringSet<> Printed;
  for (const Input &In : Inputs) {
    std::optional<std::string> Text = inputText(In, Merged, Units);
    if (!Text)
      continue;
    Printed.insert(In.Path);
    if (Headed) {
      OS << (First ? "" : "\n") << "==> " << displayPath(In.Path) << " <==\n";
      if (!Text->empty() && Text->back() != '\n')
        Text->push_back('\n');
    }
    OS << *Text;
    First = false;
  }
  OS.flush();
  for (const MergedFile &File : Merged.Files)
    if (File.isWritable() && !Printed.count(File.Path))
      note() << "rewritten header '" << displayPath(File.Path)
             << "' is not printed; use --diff, --out-dir or -i\n";
}

/// Prints a unified diff of every writable change, `a/` and `b/` prefixed
/// below the root so that `patch -p1` or `git apply` in the root applies it.
void BatchRewriter::printDiffs(const MergedRewrite &Merged) {
  for (const MergedFile &File : Merged.Files) {
    if (!File.isWritable())
      continue;
    std::optional<std::string> Relative = relativeToRoot(File.Path);
    std::string OldName = Relative ? "a/" + *Relative : File.Path;
    std::string NewName = Relative ? "b/" + *Relative : File.Path;
    llvm::outs() << makeUnifiedDiff(OldName, NewName, File.OriginalText,
                                    File.NewText);
  }
  llvm::outs().flush();
}

/// Lists every file that would change, one `would rewrite PATH` per line.
void BatchRewriter::listChanges(const MergedRewrite &Merged) {
  for (const MergedFile &File : Merged.Files)
    if (File.isWritable())
      llvm::outs() << "would rewrite " << displayPath(File.Path) << "\n";
  llvm::outs().flush();
}

/// Replaces every writable changed file, unless it changed on disk since
/// its TUs read it.
void BatchRewriter::writeInPlace(const MergedRewrite &Merged) {
  for (const MergedFile &File : Merged.Files) {
    if (!File.isWritable())
      continue;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> OnDisk =
        llvm::MemoryBuffer::getFile(File.Path, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!OnDisk || (*OnDisk)->getBuffer() != File.OriginalText) {
      error() << "'" << displayPath(File.Path)
              << "' changed on disk while it was being rewritten; it is left "
                 "untouched\n";
      ++Errors;
      continue;
    }
    if (llvm::Error Err = writeFileAtomically(File.Path, File.NewText)) {
      error() << llvm::toString(std::move(Err)) << "\n";
      ++Errors;
    }
  }
}

/// Writes every input file (rewritten or not) and every rewritten header
/// below OutDir, at its path relative to Root. A destination that already
/// holds the text is not touched, so its timestamp does not trigger
/// rebuilds.
void BatchRewriter::writeOutDir(llvm::ArrayRef<Input> Inputs,
                                const MergedRewrite &Merged,
                                llvm::ArrayRef<TranslationUnitResult> Units) {
  std::map<std::string, std::string> Outputs;
  for (const Input &In : Inputs)
    if (std::optional<std::string> Text = inputText(In, Merged, Units))
      Outputs.emplace(In.Path, std::move(*Text));
  for (const MergedFile &File : Merged.Files)
    if (File.isWritable())
      Outputs.emplace(File.Path, File.NewText);

  for (const auto &[Path, Text] : Outputs) {
    std::optional<std::string> Relative = relativeToRoot(Path);
    if (!Relative) {
      error() << "'" << Path << "' is outside the root '" << Opts.Root
              << "'; it is not written (see --root)\n";
      ++Errors;
      continue;
    }
    llvm::SmallString<256> Destination(Opts.OutDir);
    llvm::sys::path::append(Destination, *Relative);
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Existing =
        llvm::MemoryBuffer::getFile(Destination, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (Existing && (*Existing)->getBuffer() == Text)
      continue;
    if (llvm::Error Err = writeFileAtomically(Destination, Text)) {
      error() << llvm::toString(std::move(Err)) << "\n";
      ++Errors;
    }
  }
}

/// Prints the one-line summary: files, changes, errors, defers by class.
void BatchRewriter::printSummary(const RewriteStats &Stats) const {
  const bool Writes =
      Opts.Mode == OutputMode::InPlace || Opts.Mode == OutputMode::OutDir;
  llvm::errs() << "cxxdefer: " << plural(Scanned, "file", "files")
               << " scanned, " << Changed
               << (Writes ? " changed, " : " would change, ")
               << plural(Errors, "error", "errors")
               << "; defers: " << Stats.OpenCoded << " open-coded, "
               << Stats.StackAllocated << " stack-allocated, "
               << Stats.HeapAllocated << " heap-allocated\n";
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
  Scanned = Files.size();
  std::vector<CompileCommand> Commands = findCommands(Compilations, Files);
  std::vector<TranslationUnitResult> Units = runJobs(Commands);
  Errors += llvm::count_if(
      Units, [](const TranslationUnitResult &U) { return U.Failed; });

  std::vector<Input> Inputs;
  llvm::StringSet<> SeenInputs;
  for (size_t I = 0; I != Units.size(); ++I)
    if (SeenInputs.insert(Units[I].MainFile).second)
      Inputs.push_back({Units[I].MainFile, I});

  MergedRewrite Merged = mergeTranslationUnits(Units);
  reportRejectedFiles(Merged, Units);
  Changed = llvm::count_if(Merged.Files,
                           [](const MergedFile &F) { return F.isWritable(); });

  switch (Opts.Mode) {
  case OutputMode::Stdout:
    printInputs(Inputs, Merged, Units);
    break;
  case OutputMode::OutDir:
    writeOutDir(Inputs, Merged, Units);
    break;
  case OutputMode::InPlace:
    writeInPlace(Merged);
    break;
  case OutputMode::Diff:
    printDiffs(Merged);
    break;
  case OutputMode::Check:
    if (Opts.CheckShowsDiff)
      printDiffs(Merged);
    else
      listChanges(Merged);
    break;
  }

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
