//===- ResultWire.h - A pre-parse's result as bytes -------------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The forked analysis (ForkedParse.h) runs in a child process and hands its
/// PreParseResult to the compile through a pipe. Everything in it is plain
/// data except the files, which a FileEntryRef names: those travel by the
/// name the child's SourceManager knew them by, and the compile looks each
/// up again in its own FileManager (the child's was a copy of it, so the
/// lookup finds the same file, or creates the entry for a header that only
/// the child had entered so far).
///
/// The format is private to one build of the plugin (parent and child are
/// the same process image): a magic word, then fields in a fixed order,
/// integers as 4 little-endian bytes, strings as a length and the bytes.
/// Anything short or malformed is rejected as a whole.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_RESULTWIRE_H
#define CXXDEFER_PLUGIN_RESULTWIRE_H

#include "PreParse.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang {
class FileManager;
} // namespace clang

namespace cxxdefer::plugin {

/// \p Result as bytes.
std::string encodeResult(const PreParseResult &Result);

/// The result that \p Bytes encode, its files looked up in \p FM.
/// \p KeptAllBecause keeps the text that Result.Instantiations.KeptAllBecause
/// points into. \returns false, with \p Error set, if \p Bytes are not a
/// whole result or name a file \p FM cannot find.
bool decodeResult(llvm::StringRef Bytes, clang::FileManager &FM,
                  PreParseResult &Result, std::string &KeptAllBecause,
                  std::string &Error);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_RESULTWIRE_H
