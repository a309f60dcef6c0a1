//===- AtomicWrite.h - Replace a file whole or not at all -------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The tool's only way to put text on disk. A reader (a build running next
/// to the tool, or the tool interrupted halfway) sees either the old file or
/// the new one, never a prefix: the text goes to a temporary file in the
/// destination's directory, which is then renamed over the destination
/// (rename is atomic within one file system, which is why the temporary is
/// not in /tmp). An existing destination keeps its permission bits, and a
/// read-only one is refused: renaming over it would succeed (the directory
/// is what rename needs), and silently replace a file its owner protected.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TOOL_ATOMICWRITE_H
#define CXXDEFER_TOOL_ATOMICWRITE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace cxxdefer {

/// Returns true if \p Path exists and is read-only: the process may not
/// write it, or none of its permission bits allows writing (0444), which
/// also stops root, whom the kernel would let write it.
bool isReadOnly(llvm::StringRef Path);

/// Replaces (or creates) \p Path with exactly \p Contents, creating missing
/// parent directories. A read-only file is never replaced.
///
/// \returns an error naming what failed; \p Path is then unchanged and no
///          temporary file is left behind.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace cxxdefer

#endif // CXXDEFER_TOOL_ATOMICWRITE_H
