//===- AtomicWrite.cpp - Replace a file whole or not at all ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A thin layer over llvm::sys::fs::TempFile, which already creates the
/// temporary with a unique name, removes it if the process is killed by a
/// signal, and renames it on keep(). This file adds the parent directories,
/// the permission bits of the file being replaced, and a check that every
/// byte reached the disk before the rename.
///
//===----------------------------------------------------------------------===//

#include "AtomicWrite.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace cxxdefer {

/// Returns \p Err, with \p Path and what was being done prefixed.
static llvm::Error annotate(llvm::Error Err, llvm::StringRef What,
                            llvm::StringRef Path) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(), "cannot %s '%s': %s", What.str().c_str(),
      Path.str().c_str(), llvm::toString(std::move(Err)).c_str());
}

bool isReadOnly(llvm::StringRef Path) {
  if (!llvm::sys::fs::exists(Path))
    return false;
  if (llvm::sys::fs::access(Path, llvm::sys::fs::AccessMode::Write))
    return true;
  llvm::ErrorOr<llvm::sys::fs::perms> Mode =
      llvm::sys::fs::getPermissions(Path);
  return Mode && (*Mode & llvm::sys::fs::all_write) == 0;
}

llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::StringRef Contents) {
  if (isReadOnly(Path))
    return llvm::createStringError(
        std::make_error_code(std::errc::permission_denied),
        "cannot replace '%s': it is read-only", Path.str().c_str());
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  if (!Parent.empty())
    if (std::error_code EC = llvm::sys::fs::create_directories(Parent))
      return annotate(llvm::errorCodeToError(EC), "create directory", Parent);

  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".cxxdefer-%%%%%%.tmp");
  if (!Temp)
    return annotate(Temp.takeError(), "create a temporary file beside", Path);

  // Keep the mode of the file we replace (an executable script stays
  // executable, a read-only file stays read-only); a new file gets the
  // default mode under the user's umask.
  std::error_code EC;
  if (llvm::ErrorOr<llvm::sys::fs::perms> Mode =
          llvm::sys::fs::getPermissions(Path))
    EC = llvm::sys::fs::setPermissions(Temp->FD, *Mode);
  if (!EC) {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Contents;
    OS.flush();
    EC = OS.error();
    OS.clear_error();
  }
  if (EC) {
    llvm::consumeError(Temp->discard());
    return annotate(llvm::errorCodeToError(EC), "write", Path);
  }
  // keep() removes the temporary itself when the rename fails.
  if (llvm::Error Err = Temp->keep(Path))
    return annotate(std::move(Err), "replace", Path);
  return llvm::Error::success();
}

} // namespace cxxdefer
