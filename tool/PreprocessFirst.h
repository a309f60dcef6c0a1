//===- PreprocessFirst.h - Parse only what mentions the extension -*- C++
//-*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Most translation units of a code base have no defer statement, and a
/// parse of one costs as much as a compile's front end. Before parsing, a
/// job runs the preprocessor alone over its command (a few per cent of a
/// parse: no templates, no overloads, no instantiations) and watches every
/// file it enters: a user file that mentions `__defer`, `__errdefer` or
/// `__result`, or a system header that is a library written for cxxdefer
/// (cxxdefer/Mentions.h), makes the job parse. Otherwise nothing in the
/// translation unit can change, and the job ends without a parse.
///
/// Following the compile's own preprocessor, not a textual scan of
/// #include lines (the plugin's UserFileScan.h), makes the answer exact for
/// computed includes, -include files and -isystem libraries. Where the
/// preprocessor alone cannot tell, the job parses as before: when the pass
/// reports an error (a missing header could have been the one that
/// defers), or when clang modules or a precompiled header bring in text
/// that is never entered as a file.
///
/// What a job without a parse gives up: the compiler's own errors in a
/// file that cannot change are not reported (the compiler reports them).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TOOL_PREPROCESSFIRST_H
#define CXXDEFER_TOOL_PREPROCESSFIRST_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>

namespace clang {
class CompilerInvocation;
class FileManager;
class PCHContainerOperations;
class SourceManager;
} // namespace clang

namespace cxxdefer {

/// Preprocesses \p Invocation, its diagnostics discarded, and tells
/// whether the translation unit needs the parse. When it does not,
/// \p Unneeded is called with the pass's SourceManager, which knows every
/// file the translation unit reads.
bool needsParse(const clang::CompilerInvocation &Invocation,
                clang::FileManager &Files,
                std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps,
                llvm::function_ref<void(clang::SourceManager &)> Unneeded);

} // namespace cxxdefer

#endif // CXXDEFER_TOOL_PREPROCESSFIRST_H
