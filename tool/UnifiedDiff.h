//===- UnifiedDiff.h - Unified diffs of rewritten files ---------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The text of `cxxdefer --diff`: a unified diff that `patch -p1` and
/// `git apply` accept. It compares lines of the two texts rather than
/// replaying the core's edits, so it is right whatever the edits look like.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TOOL_UNIFIEDDIFF_H
#define CXXDEFER_TOOL_UNIFIEDDIFF_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace cxxdefer {

/// Computes a unified diff from \p OldText to \p NewText with \p Context
/// lines of context, headed `--- OldName` / `+++ NewName`.
///
/// A missing newline at the end of either text is marked with GNU diff's
/// `\ No newline at end of file`.
///
/// \returns the diff, or an empty string when the texts are equal.
std::string makeUnifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName,
                            llvm::StringRef OldText, llvm::StringRef NewText,
                            unsigned Context = 3);

} // namespace cxxdefer

#endif // CXXDEFER_TOOL_UNIFIEDDIFF_H
