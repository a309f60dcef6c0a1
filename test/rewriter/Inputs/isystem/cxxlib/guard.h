//===- cxxlib/guard.h - A library written for cxxdefer, installed --------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// For isystem-library.cpp: a library's header as CMake's consumers include
/// it, with -isystem. It defers in an inline function and a template.
///
//===----------------------------------------------------------------------===//

#ifndef CXXLIB_GUARD_H
#define CXXLIB_GUARD_H

#include <cxxdefer.h>
#include <cxxlib/recover.h>
#include <cstdio>
#include <string>

namespace cxxlib {

inline int checked(int V) {
  __errdefer(std::printf("cxxlib::checked(%d) failed\n", V));
  if (V < 0)
    throw V;
  return V;
}

inline void report(int V) { std::printf("cxxlib::twice(%d) done\n", V); }
inline void report(const std::string &V) {
  std::printf("cxxlib::twice(%s) done\n", V.c_str());
}

/// A dependent deferred call: one binding per instantiation, the one with
/// standard-library arguments included.
template <class T> T twice(T V) {
  __defer(report(V));
  return V + V;
}

} // namespace cxxlib

#endif // CXXLIB_GUARD_H
