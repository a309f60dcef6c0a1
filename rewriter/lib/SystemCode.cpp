//===- SystemCode.cpp - Whose code it is ---------------------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "cxxdefer/SystemCode.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"
#include <cassert>
#include <cstring>

using namespace clang;

namespace cxxdefer {

/// Whether \p Word occurs in \p Text with no identifier character on
/// either side. The core and the front ends ask this of every system header
/// a translation unit includes, megabytes of text, so the search jumps with
/// memchr from one \p Word[\p Anchor] to the next: a letter that C++ text
/// seldom has (the 'x' of `cxxdefer`) is found ten times faster than the
/// whole word by StringRef::find, whose skip table stops at every 'c'.
static bool containsWord(llvm::StringRef Text, llvm::StringRef Word,
                         size_t Anchor) {
  assert(Anchor < Word.size() && "the anchor is a letter of the word");
  for (size_t At = Anchor; At < Text.size(); ++At) {
    const void *Found =
        std::memchr(Text.data() + At, Word[Anchor], Text.size() - At);
    if (!Found)
      return false;
    At = static_cast<const char *>(Found) - Text.data();
    size_t Start = At - Anchor;
    size_t Stop = Start + Word.size();
    if (Text.substr(Start, Word.size()) == Word &&
        (Start == 0 || !isAsciiIdentifierContinue(Text[Start - 1])) &&
        (Stop == Text.size() || !isAsciiIdentifierContinue(Text[Stop])))
      return true;
  }
  return false;
}

bool isRuntimeHeader(llvm::StringRef Path) {
  namespace path = llvm::sys::path;
  return path::filename(Path) == "cxxdefer.h" ||
         path::filename(path::parent_path(Path)) == "cxxdefer";
}

static bool mentionsCxxdefer(llvm::StringRef Text) {
  return containsWord(Text, "cxxdefer", /*Anchor=*/1);
}

bool isSystemHeaderToRewrite(llvm::StringRef Path, llvm::StringRef Text) {
  return !isRuntimeHeader(Path) && mentionsCxxdefer(Text) &&
         (containsWord(Text, "__defer", /*Anchor=*/5) ||
          containsWord(Text, "__errdefer", /*Anchor=*/8));
}

bool SystemCode::contains(SourceLocation Loc) const {
  if (!SM.isInSystemHeader(Loc))
    return false;
  FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  auto [It, New] = ByFile.try_emplace(File, true);
  if (New) {
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
    std::optional<llvm::MemoryBufferRef> Text = SM.getBufferOrNone(File);
    It->second = !Entry || isRuntimeHeader(Entry->getName()) || !Text ||
                 !mentionsCxxdefer(Text->getBuffer());
  }
  return It->second;
}

} // namespace cxxdefer
