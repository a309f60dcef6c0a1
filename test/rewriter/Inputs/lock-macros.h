//===- lock-macros.h - Cleanup written as macros, the C way ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Macros that hide a defer statement, and an inline function of this
/// header that uses one, for macro-defer.cpp.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TEST_LOCK_MACROS_H
#define CXXDEFER_TEST_LOCK_MACROS_H

#include <cxxdefer.h>

#include "trace.h"

/// A lock that says what happens to it.
struct Lock {
  const char *Name;
  void lock() { std::printf("lock %s\n", Name); }
  void unlock() { std::printf("unlock %s\n", Name); }
};

/// Locks \p m until the enclosing function returns.
#define WITH_LOCK(m)                                                           \
  (m).lock();                                                                  \
  __defer((m).unlock())

/// An object-like macro with its own operands.
#define DEFER_TRACE_DONE __defer(trace("done"))

/// The call is spelled partly by the macro's arguments.
#define DEFER_CALL(fn, ...) __defer(fn(__VA_ARGS__))

/// A macro that uses its argument twice.
#define TWICE(stmt) stmt; stmt

inline void lockedInHeader(Lock &L) {
  WITH_LOCK(L);
  trace("header body");
}

#endif // CXXDEFER_TEST_LOCK_MACROS_H
