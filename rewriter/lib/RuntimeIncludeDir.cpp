//===- RuntimeIncludeDir.cpp - Where <cxxdefer.h> is ---------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The plugin and the tool both add the runtime's include directory to
/// every parse, so users never pass -I for <cxxdefer.h>. An installed copy
/// (<prefix>/lib/CxxDefer.so, <prefix>/bin/cxxdefer) uses the header beside
/// it in <prefix>/include; a build tree uses this source tree's copy.
///
//===----------------------------------------------------------------------===//

#include "cxxdefer/Rewrite.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <dlfcn.h>

namespace cxxdefer {

std::string runtimeIncludeDir() {
  Dl_info Info;
  // Any symbol of this library resolves to the plugin or tool that holds it.
  if (dladdr(reinterpret_cast<void *>(&runtimeIncludeDir), &Info) &&
      Info.dli_fname) {
    llvm::SmallString<256> Dir(Info.dli_fname);
    llvm::sys::path::remove_filename(Dir);
    llvm::sys::path::append(Dir, "..", "include");
    llvm::SmallString<256> Header(Dir);
    llvm::sys::path::append(Header, "cxxdefer.h");
    if (llvm::sys::fs::exists(Header)) {
      llvm::sys::fs::make_absolute(Dir);
      llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
      return std::string(Dir);
    }
  }
  return CXXDEFER_SOURCE_INCLUDE_DIR;
}

} // namespace cxxdefer
