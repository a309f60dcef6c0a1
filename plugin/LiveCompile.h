//===- LiveCompile.h - Hand the results to the live compile -----*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The two places where the pre-parse's results enter the live compile: its
/// SourceManager, which must read the new texts, and its DiagnosticsEngine,
/// which reports the core's findings on the user's own text.
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

class WarningPolicy;

/// Makes the \p Live compile read the new texts in \p Files instead of the
/// files on disk. Must run before \p Live creates its preprocessor; every
/// file, the main file included, can be replaced then.
void remapBeforePreprocessing(clang::CompilerInstance &Live,
                              llvm::ArrayRef<NewFileText> Files);

/// Once \p Live has created its preprocessor (which took the remapped texts
/// over), drops them from its options so that no later preprocessor (a
/// module build) sees them again.
void forgetRemappedTexts(clang::CompilerInstance &Live,
                         llvm::ArrayRef<NewFileText> Files);

/// Makes the \p Live compile, which is already reading its input, read the
/// new texts of \p Files in headers it has not entered yet.
///
/// All or nothing: if some file cannot be replaced any more (the compile has
/// already read it), nothing is replaced and an error is reported.
/// \returns whether the texts were installed.
bool overrideUnreadFiles(clang::CompilerInstance &Live,
                         llvm::ArrayRef<NewFileText> Files);

/// Reports \p Findings as diagnostics of the \p Live compile, once it has
/// entered every file, on the user's own text: a finding in a file that was
/// rewritten (\p Files) is shown in a copy of the original text that sits
/// where the file was included. Warnings get the level \p Policy gives their
/// flag; remarks are shown only if the user asked for them, with
/// -Rpass=defer or, when \p RemarksRequested, with the plugin's own option.
/// Notes are shown when the finding they belong to is.
void reportFindings(clang::CompilerInstance &Live,
                    llvm::ArrayRef<PlacedFinding> Findings,
                    llvm::ArrayRef<NewFileText> Files,
                    const WarningPolicy &Policy, bool RemarksRequested);

/// Reports an error of the plugin itself (not of the user's code), without a
/// location, as "cxxdefer: <Message>".
void reportPluginError(clang::DiagnosticsEngine &Diags,
                       const llvm::Twine &Message);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_LIVECOMPILE_H
