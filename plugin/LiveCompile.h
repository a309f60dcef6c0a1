//===- LiveCompile.h - Hand the results to the live compile -----*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The two places where the pre-parse's results enter the live compile: its
/// SourceManager, which must read the new texts, and its DiagnosticsEngine,
/// which reports the core's findings at the user's lines.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_LIVECOMPILE_H
#define CXXDEFER_PLUGIN_LIVECOMPILE_H

#include "PreParse.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"

namespace clang {
class CompilerInstance;
class DiagnosticsEngine;
} // namespace clang

namespace cxxdefer::plugin {

/// Makes the \p Live compile read the new texts in \p Files instead of the
/// files on disk. \p MainFileUnread says that the live compile has not
/// started to lex its main file, so the main file may still be replaced.
///
/// All or nothing: if some file cannot be replaced any more (the compile has
/// already read it), nothing is replaced and an error is reported.
/// \returns whether the texts were installed.
bool installNewTexts(clang::CompilerInstance &Live,
                     llvm::ArrayRef<NewFileText> Files, bool MainFileUnread);

/// Reports \p Findings as diagnostics of the \p Live compile, at the end of
/// the translation unit. Remarks are shown only if the user asked for them,
/// with -Rpass=defer or, when \p RemarksRequested, with the plugin's own
/// option. Notes are shown when the finding they belong to is.
void reportFindings(clang::CompilerInstance &Live,
                    llvm::ArrayRef<PlacedFinding> Findings,
                    bool RemarksRequested);

/// Reports an error of the plugin itself (not of the user's code), without a
/// location, as "cxxdefer: <Message>".
void reportPluginError(clang::DiagnosticsEngine &Diags,
                       const llvm::Twine &Message);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_LIVECOMPILE_H
