//===- TranslationUnitJob.h - Rewrite one compile command -------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One job of the batch tool: parse one compile command, run the rewriter
/// core on its AST, and keep what the rest of the tool needs once the AST is
/// gone. Each job owns its FileManager and a file system view whose working
/// directory is the command's own, so jobs can run on several threads at
/// once (ClangTool would `chdir` the whole process instead).
///
/// A job never prints. The compiler's diagnostics and the core's findings
/// are rendered clang-style into a string while the SourceManager they point
/// into is still alive; the driver prints them later, in file order, so that
/// parallel runs print exactly what a serial run prints. The core's remarks
/// and warnings are marked in that string with their source location: a
/// header that many translation units include gets the same remark from
/// each of them, and the driver prints it for the first one only.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TOOL_TRANSLATIONUNITJOB_H
#define CXXDEFER_TOOL_TRANSLATIONUNITJOB_H

#include "cxxdefer/Rewrite.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace cxxdefer {

/// How every job parses and what it reports; the same for all jobs of a run.
struct JobOptions {
  RewriteOptions Rewrite;
  /// Print the core's remarks (`--remarks`); other findings always print.
  bool ShowRemarks = false;
  /// Keep the main file's text even when it does not change (stdout and
  /// --out-dir modes print or copy every input file).
  bool KeepMainFileText = false;
  /// Render diagnostics with ANSI colours (stderr is a colour terminal).
  bool ShowColors = false;
  /// Directory holding <cxxdefer.h>, added to every parse as -isystem.
  std::string RuntimeIncludeDir;
  /// Clang's resource directory, added as -resource-dir= when the command
  /// has none and the directory exists; empty to leave it to the driver.
  std::string ResourceDir;
};

/// One defer statement the core classified, located by file and offset so
/// that a statement in a header counts once however many TUs include it.
struct ClassifiedDefer {
  /// Canonical path of the file the statement is written in.
  std::string Path;
  unsigned Offset = 0;
  Tier Class = Tier::OpenCoded;
};

/// A part of TranslationUnitResult::Diagnostics that the run prints once
/// however many translation units produce it: one remark or warning of the
/// core, with its notes.
struct OncePerRunDiagnostic {
  /// Byte range in Diagnostics.
  size_t Begin = 0;
  size_t End = 0;
  /// What makes two of them the same: canonical file, offset, level and
  /// message.
  std::string Key;
};

/// What one compile command produced, all of it owned (no AST references).
struct TranslationUnitResult {
  /// The main file: absolute, with symbolic links resolved. Every path in
  /// this struct is in this form, so that results from different commands
  /// (and different working directories) compare by string.
  std::string MainFile;
  /// The main file's text as parsed; set only with KeepMainFileText.
  std::string MainFileText;
  /// The compiler or the core reported an error, or the command could not
  /// be run at all. Files is then empty: nothing of this TU may be written.
  bool Failed = false;
  /// Everything the user should see for this TU, rendered clang-style.
  std::string Diagnostics;
  /// The parts of Diagnostics to print once per run, in order.
  std::vector<OncePerRunDiagnostic> OncePerRun;
  /// The core's rewrites, Path made canonical as above. NewText differs
  /// from OriginalText in each.
  std::vector<RewrittenFile> Files;
  /// Every non-system file the TU read (main file included), canonical and
  /// sorted. When the TU failed these are the files it leaves untouched.
  std::vector<std::string> UserFiles;
  RewriteStats Stats;
  /// Every defer statement the core classified (from its class remarks).
  std::vector<ClassifiedDefer> Defers;
};

/// Parses \p Command (already carrying any --extra-arg), runs the rewriter
/// core on it and reports its findings.
///
/// The command is adjusted like ClangTool adjusts it (syntax only, no output
/// or dependency files), and gets the runtime include directory and the
/// resource directory from \p Opts. Diagnostics are rendered with the
/// command's own diagnostic options (`[-Wflag]` names, carets, columns).
///
/// \returns the TU's result; on any error Failed is set and Files is empty.
TranslationUnitResult
runTranslationUnitJob(const clang::tooling::CompileCommand &Command,
                      const JobOptions &Opts);

} // namespace cxxdefer

#endif // CXXDEFER_TOOL_TRANSLATIONUNITJOB_H
