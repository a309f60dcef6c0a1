//===- PreParse.h - Syntax-only parse of the original text ------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The plugin's analysis step: a syntax-only parse of the translation unit,
/// as written, in a nested CompilerInstance, followed by the rewriter core.
///
/// The results leave the nested instance as plain data. Its ASTContext and
/// SourceManager are gone by the time the live compile uses them, so files
/// are identified by their FileManager entry (the nested instance shares the
/// live compile's FileManager), and findings by a file and an offset into
/// that file's *rewritten* text, which is what the live compile will read.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_PREPARSE_H
#define CXXDEFER_PLUGIN_PREPARSE_H

#include "AnalysedInstantiations.h"
#include "cxxdefer/Rewrite.h"
#include "clang/Basic/FileEntry.h"
#include "clang/Frontend/FrontendOptions.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CompilerInstance;
} // namespace clang

namespace cxxdefer::plugin {

/// The new text of one user file.
struct NewFileText {
  clang::FileEntryRef File;
  /// The file is the main file of the translation unit.
  bool IsMainFile;
  std::string Text;
  /// The text as the user wrote it, for diagnostics.
  std::string OriginalText;
};

/// One finding of the core, placed in the user's file.
struct PlacedFinding {
  DiagId Id;
  DiagLevel Level;
  bool IsDeferClassRemark;
  std::string Message;
  /// The warning's flag without -W (Finding::Flag); empty if none.
  std::string Flag;
  /// None when the finding has no location in a file.
  clang::OptionalFileEntryRef File;
  bool InMainFile = false;
  /// Offset into the text of File as the user wrote it.
  unsigned OriginalOffset = 0;
  /// Offset into the text the live compile reads: the new text if the file
  /// was rewritten, else the same as OriginalOffset.
  unsigned Offset = 0;
};

/// How a pre-parse ended.
enum class PreParseStatus {
  /// The core ran; Files and Findings are its results.
  Rewritten,
  /// The original text has errors. The plugin leaves the text alone, so the
  /// live compile reports the user's errors itself, and adds none of its own.
  SourceHasErrors,
  /// Something went wrong in the plugin or the core; Failure says what.
  Failed,
  /// A header's analysis alone (ForkedParse.h) cannot stand for the
  /// translation unit's; Failure says why. The nested pre-parse runs.
  WholeUnitNeeded,
};

struct PreParseResult {
  PreParseStatus Status = PreParseStatus::Failed;
  std::string Failure;
  /// With SourceHasErrors: the errors, as clang prints them. The live
  /// compile usually reports the same ones itself; where it does not (an
  /// error only the analysis meaning shows, such as a `__result` that a
  /// lambda does not capture), the plugin prints these (Session::finish).
  std::string ErrorText;
  std::vector<NewFileText> Files;
  std::vector<PlacedFinding> Findings;
  RewriteStats Stats;
  /// What the pre-parse instantiated at the end of the translation unit.
  InstantiationCounts Instantiations;
  /// Wall-clock time of the whole nested compile and of the core in it.
  double PreParseSeconds = 0;
  double RewriteSeconds = 0;
};

/// A diagnostic consumer for a parse in analysis meaning that renders what
/// reaches it as clang's own printer would with \p Live's options, but
/// without colours, into \p Out, which must outlive it. Warnings are off
/// in such a parse, so \p Out gets the errors and their notes.
std::unique_ptr<clang::DiagnosticConsumer>
renderDiagnosticsTo(std::string &Out, const clang::DiagnosticOptions &Live);

/// Runs the rewriter core with \p Opts on \p Ctx, a parse of the original
/// text in analysis meaning that has come to the end of the translation
/// unit, and copies its results into \p Out while the parse's
/// SourceManager still exists. \p Errors is the parse's count of errors
/// (AnalysisDiagnostics::errors()): with any, the core does not run.
void collectRewrite(clang::ASTContext &Ctx, const MacroTokens *Tokens,
                    const RewriteOptions &Opts, unsigned Errors,
                    PreParseResult &Out);

/// Parses \p Input of the \p Live compile, as written, in a compile of its
/// own, and runs the rewriter core with \p Opts on the result. Nothing is
/// printed and no file is written; \p Live is not modified (it shares its
/// FileManager, which must exist). With \p LimitInstantiations, the parse
/// instantiates only what the core reads (AnalysedInstantiations.h).
PreParseResult preParse(clang::CompilerInstance &Live,
                        const clang::FrontendInputFile &Input,
                        const RewriteOptions &Opts, bool LimitInstantiations);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_PREPARSE_H
