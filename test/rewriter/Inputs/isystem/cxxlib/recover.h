//===- cxxlib/recover.h - A helper that recovers, installed --------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// For isystem-library.cpp: a declaration without a body, in a header that
/// includes <cxxdefer.h>, so the rewriter knows it may recover.
///
//===----------------------------------------------------------------------===//

#ifndef CXXLIB_RECOVER_H
#define CXXLIB_RECOVER_H

#include <cxxdefer.h>

namespace cxxlib {

/// Stops the exception its caller's deferred call runs for, and says so.
void recoverAndLog();

} // namespace cxxlib

#endif // CXXLIB_RECOVER_H
