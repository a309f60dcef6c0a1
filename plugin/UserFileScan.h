//===- UserFileScan.h - Which user files mention the extension --*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The plugin's cheap question, asked before clang reads a single token:
/// does any user file of this translation unit mention `__defer` or
/// `__result`? Only then is the expensive pre-parse worth running.
///
/// The answer must come before the main file is read, because only then can
/// every file still be replaced, the main file included. A `__defer` inside
/// a user macro defined in a header and used in the main file makes the main
/// file need a rewrite although it never mentions `__defer`; so does a
/// header that is entered before the first one that mentions it.
///
/// So the scan follows the user include graph textually: it reads the main
/// file, finds its #include lines, resolves each with a HeaderSearch built
/// from the compile's own options, and reads every resolved user header in
/// turn. It never opens a system header, so it costs a few reads and stats
/// of the user's own, small files, next to a compile that reads hundreds of
/// system headers. It over-approximates (an #include under a false #if is
/// followed too, which at worst costs a pre-parse that finds nothing) and it
/// can miss files (an #include whose name is a macro): the plugin watches the
/// includes of the compile itself for those.
///
/// Text in a file that a line marker (`# 12 "x.h" 1 3`, from -E,
/// -save-temps or -frewrite-includes output) places in a system header is
/// skipped, like a system header itself.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_USERFILESCAN_H
#define CXXDEFER_PLUGIN_USERFILESCAN_H

#include "cxxdefer/Mentions.h"
#include "clang/Basic/FileEntry.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang {
class CompilerInstance;
} // namespace clang

namespace cxxdefer::plugin {

struct UserFileScan {
  /// The first file found that mentions the extension; empty if none.
  std::string MentioningFile;
  /// The main file mentions the extension.
  bool MainFileMentions = false;
  /// The main file mentions the extension, and no other user file that
  /// was read does. The scan goes on past a main file that mentions it, to
  /// tell (the plugin's fork path needs it, ForkedParse.h).
  bool OnlyMainFileMentions = false;
  /// The one user header that mentions the extension, when no other user
  /// header does (the main file may) and it mentions it only outside
  /// preprocessing directives, so that no macro can carry a defer statement
  /// out of it. The plugin can then fork in that header (ForkedParse.h).
  std::optional<clang::FileEntryRef> OnlyMentioningHeader;
  /// The user files that were read (the include watcher skips them).
  llvm::DenseSet<const clang::FileEntry *> Scanned;
  /// #include lines that could not be resolved (computed names, files
  /// missing under this configuration).
  unsigned Unresolved = 0;
};

/// Scans the user include graph of \p CI's input, starting at \p MainFile
/// and at the -include/-imacros files, skipping system headers and any file
/// for which \p Skip returns true. Stops at the first file that mentions the
/// extension in a way that rules out both fork paths. Uses \p CI's FileManager,
/// options and target; needs no preprocessor.
UserFileScan scanUserFiles(clang::CompilerInstance &CI,
                           clang::FileEntryRef MainFile,
                           llvm::function_ref<bool(clang::FileEntryRef)> Skip);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_USERFILESCAN_H
