//===- SystemCode.cpp - Whose code it is ---------------------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "cxxdefer/SystemCode.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace cxxdefer {

/// Whether \p Word occurs in \p Text with no identifier character on
/// either side.
static bool containsWord(llvm::StringRef Text, llvm::StringRef Word) {
  for (size_t At = Text.find(Word); At != llvm::StringRef::npos;
       At = Text.find(Word, At + 1)) {
    size_t End = At + Word.size();
    if ((At == 0 || !isAsciiIdentifierContinue(Text[At - 1])) &&
        (End == Text.size() || !isAsciiIdentifierContinue(Text[End])))
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
  return containsWord(Text, "cxxdefer");
}

bool isSystemHeaderToRewrite(llvm::StringRef Path, llvm::StringRef Text) {
  return !isRuntimeHeader(Path) && mentionsCxxdefer(Text) &&
         (containsWord(Text, "__defer") || containsWord(Text, "__errdefer"));
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
