// Defer statements in constexpr functions are not supported yet (SPEC 2.8
// asks for them at run time): an error at the user's line, for a function
// template declared constexpr. A lambda is not constexpr unless it says
// so, even though C++17 makes eligible lambdas implicitly constexpr.
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR --implicit-check-not=error:
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR --implicit-check-not=error:

#include <cxxdefer.h>

void note();

template <class T> constexpr T identity(T V) {
  // ERR: error-constexpr.cpp:[[@LINE+1]]:3: error: '__defer' cannot be used in a constexpr or consteval function yet
  __defer(note());
  return V;
}

int run() {
  auto Implicit = [](int V) {
    __defer(note());
    return V;
  };
  return identity(1) + Implicit(2);
}
