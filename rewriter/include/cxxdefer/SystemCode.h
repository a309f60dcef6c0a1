//===- cxxdefer/SystemCode.h - Whose code it is ----------------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The core leaves the system's code alone and trusts two things about it:
/// it holds no defer statement to rewrite, and a function it declares
/// without a body (fclose, pthread_mutex_unlock) cannot call __recover()
/// except through a callable it is given (Reach.cpp). Both make the common
/// case cheap: `__defer(mu.unlock())` on a std::mutex is a plain guard, with
/// no handler and no test of the thread's panic state.
///
/// "System" cannot simply mean "found in a system include directory":
/// CMake includes an installed library's headers with -isystem, and a
/// library written for cxxdefer has defer statements in its inline
/// functions and templates, and may declare helpers that call __recover()
/// for their callers' deferred calls. Such a header includes <cxxdefer.h>
/// (it uses what that header declares), so a system header is the user's
/// code when its text has the word `cxxdefer`. The compiler's and the C
/// library's headers never do; the runtime's own headers (cxxdefer.h,
/// cxxdefer/*.h) stay the system's, since they implement the extension
/// rather than use it.
///
/// The extension's keywords are no sign: glibc's <pthread.h> has a member
/// function named `__defer`, and libstdc++ names its parameters
/// `__result`.
///
/// The answer is per file, so it is cached per FileID; a header's text is
/// searched once, the first time the core asks about it.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_SYSTEMCODE_H
#define CXXDEFER_SYSTEMCODE_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class SourceManager;
} // namespace clang

namespace cxxdefer {

class SystemCode {
public:
  explicit SystemCode(const clang::SourceManager &SM) : SM(SM) {}

  /// Whether \p Loc (its expansion, for a macro location) is in a system
  /// header that is not the user's (see the file comment).
  bool contains(clang::SourceLocation Loc) const;

private:
  const clang::SourceManager &SM;
  mutable llvm::DenseMap<clang::FileID, bool> ByFile;
};

/// Whether \p Path names one of the runtime's own headers: cxxdefer.h or a
/// file in a directory named cxxdefer. No tool ever rewrites or scans them.
bool isRuntimeHeader(llvm::StringRef Path);

/// Whether the header at \p Path, found in a system include directory, is
/// a library written for cxxdefer with defer statements to rewrite: not a
/// runtime header, \p Text has the word `cxxdefer`, and `__defer` or
/// `__errdefer` as a word. The front ends ask it for the headers they
/// read; the core asks SystemCode.
bool isSystemHeaderToRewrite(llvm::StringRef Path, llvm::StringRef Text);

} // namespace cxxdefer

#endif // CXXDEFER_SYSTEMCODE_H
