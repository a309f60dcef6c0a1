//===- cxxdefer/Mentions.h - Which files need the rewriter -----*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The cheap question both front ends ask before the expensive one: does
/// this file need the rewriter at all? A parse costs as much as a compile's
/// front end; reading a file's text for three words costs next to nothing.
/// The plugin asks it of the user files before a compile reads them
/// (UserFileScan.h) and of each header the compile enters; the batch tool
/// asks it of every file a translation unit's preprocessor enters, and
/// parses only the translation units where some file says yes.
///
/// The answer is textual, so it over-approximates: `__defer` in a comment
/// or a string costs a parse that finds nothing, never a missed rewrite.
/// It must not under-approximate, which is why a system header counts when
/// it is a library written for cxxdefer (SystemCode.h), and why text that
/// line markers attribute to a system header (preprocessed output) is
/// skipped only there.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_MENTIONS_H
#define CXXDEFER_MENTIONS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

namespace cxxdefer {

/// What a user file mentions, outside the parts that line markers
/// attribute to system headers.
struct Mentions {
  /// `__defer`, `__errdefer` or `__result`.
  bool DeferSyntax = false;
  /// The runtime header's expansion of `__defer`: preprocessed output made
  /// without the plugin, whose defer statements can no longer be rewritten.
  bool ExpandedDefer = false;
};

/// Searches \p Text, a user file as written or preprocessed, in one pass.
/// \p OnDirective, if given, sees every preprocessing directive outside the
/// system parts, from the text after its `#` to the end of its line.
Mentions findMentions(
    llvm::StringRef Text,
    llvm::function_ref<void(llvm::StringRef Directive)> OnDirective = nullptr);

/// Whether the file at \p Path, with \p Text, needs the rewriter: a user
/// file (\p System false) that mentions the defer syntax, or a system
/// header that is a library written for cxxdefer. The runtime's own
/// headers never do: they mention `__defer` to define it.
bool needsRewriter(llvm::StringRef Path, llvm::StringRef Text, bool System);

} // namespace cxxdefer

#endif // CXXDEFER_MENTIONS_H
