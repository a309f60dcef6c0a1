//===- cxxlib/guard.h - A library written for cxxdefer, installed --------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// For isystem-library.cpp: a library's header as CMake's consumers include
/// it, with -isystem. It defers in an inline function and a template, and
/// declares a helper (defined in cxxlib.cpp) that recovers for its callers'
/// deferred calls.
///
//===----------------------------------------------------------------------===//

#ifndef CXXLIB_GUARD_H
#define CXXLIB_GUARD_H

#include <cxxdefer.h>
#include <cstdio>

namespace cxxlib {

/// Stops the exception its caller's deferred call runs for, and says so.
void recoverAndLog();

inline int checked(int V) {
  __errdefer(std::printf("cxxlib::checked(%d) failed\n", V));
  if (V < 0)
    throw V;
  return V;
}

template <class T> T twice(T V) {
  __defer(std::printf("cxxlib::twice done\n"));
  return V + V;
}

} // namespace cxxlib

#endif // CXXLIB_GUARD_H
