//===- trace.h - Printing helpers for the rewriter tests -------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What the rewriter tests print, so that FileCheck can check the order of
/// deferred calls, operand evaluation and destructors. C++14, no warnings
/// under -Wall -Wextra.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TEST_TRACE_H
#define CXXDEFER_TEST_TRACE_H

#include <cstdio>

/// Prints \p What on a line of its own.
inline void trace(const char *What) { std::printf("%s\n", What); }

/// Prints `What N`.
inline void traceInt(const char *What, int N) { std::printf("%s %d\n", What, N); }

/// Prints \p What and returns \p N: marks when an operand is evaluated.
inline int traced(const char *What, int N) {
  trace(What);
  return N;
}

/// Prints its construction, copies, moves and destruction.
class Tracked {
public:
  explicit Tracked(const char *Name) : Name(Name) { std::printf("ctor %s\n", Name); }
  Tracked(const Tracked &Other) : Name(Other.Name) {
    ++copies();
    std::printf("copy %s\n", Name);
  }
  Tracked(Tracked &&Other) noexcept : Name(Other.Name) {
    ++moves();
    std::printf("move %s\n", Name);
  }
  Tracked &operator=(const Tracked &) = delete;
  ~Tracked() { std::printf("dtor %s\n", Name); }

  void use(const char *Where) const { std::printf("use %s in %s\n", Name, Where); }

  static int &copies() {
    static int N = 0;
    return N;
  }
  static int &moves() {
    static int N = 0;
    return N;
  }

  const char *Name;
};

#endif // CXXDEFER_TEST_TRACE_H
