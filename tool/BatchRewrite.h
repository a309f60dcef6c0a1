//===- BatchRewrite.h - Rewrite many TUs and write the results --*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The batch tool's driver, below the command line: run one job per compile
/// command on a thread pool (TranslationUnitJob.h), merge their rewrites
/// into one verdict per file (MergeResults.h), then print, diff, check or
/// write, and summarise. Nothing is written until every job has finished,
/// so no job ever parses a file that another job's output has replaced,
/// and a header is written only once all TUs that include it agree.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TOOL_BATCHREWRITE_H
#define CXXDEFER_TOOL_BATCHREWRITE_H

#include "TranslationUnitJob.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace cxxdefer {

/// What happens to the rewritten text.
enum class OutputMode {
  /// Print each input file's new text (the default).
  Stdout,
  /// Write inputs and rewritten headers under OutDir, mirroring Root.
  OutDir,
  /// Replace the changed files (`-i`).
  InPlace,
  /// Print a unified diff of every changed file.
  Diff,
  /// Write nothing; fail if a file would change.
  Check,
};

/// The tool's exit codes, also listed in `cxxdefer --help`.
enum ExitCode : int {
  ExitSuccess = 0,
  /// --check: some file would be rewritten (and nothing failed).
  ExitWouldChange = 1,
  /// A TU had errors, TUs disagreed on a file, or a file could not be
  /// written; files that were fine are still written.
  ExitFailure = 2,
  /// The command line is unusable (bad option, no compilation database).
  ExitUsage = 3,
};

struct BatchOptions {
  OutputMode Mode = OutputMode::Stdout;
  /// With Check: print the diff of each file that would change.
  bool CheckShowsDiff = false;
  /// With OutDir: the output directory, absolute.
  std::string OutDir;
  /// Canonical directory that OutDir mirrors, and that diff and message
  /// paths are shown relative to.
  std::string Root;
  /// Parallel jobs; 0 means one per hardware thread.
  unsigned Jobs = 0;
  /// No progress line and no summary.
  bool Quiet = false;
  JobOptions Job;
};

/// Rewrites \p Files (or, if empty, every file of \p Compilations), each
/// with every compile command \p Compilations has for it, and produces the
/// output \p Opts asks for. Diagnostics, the progress line and the summary
/// go to stderr; rewritten text and diffs to stdout.
///
/// \returns the process exit code (an ExitCode).
int runBatchRewrite(const clang::tooling::CompilationDatabase &Compilations,
                    std::vector<std::string> Files, const BatchOptions &Opts);

} // namespace cxxdefer

#endif // CXXDEFER_TOOL_BATCHREWRITE_H
