// Functions and lambdas whose return type is deduced (`auto`,
// `decltype(auto)`) keep it with deferred calls (SPEC 2.8): the deduced
// type is the same, a returned reference still refers to the caller's
// object, and the deferred calls run after the result is initialised.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <type_traits>

#include "Inputs/trace.h"

static auto twice(int N) {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}; try {
  __defer(traceInt("deferred in twice", N));
  return N * 2;
}

static decltype(auto) pick(int &R) {
  __defer(traceInt("deferred in pick", R));
  return (R);
}

static_assert(std::is_same<decltype(twice(1)), int>::value, "auto deduces int");
static_assert(std::is_same<decltype(pick(std::declval<int &>())), int &>::value,
              "decltype(auto) deduces int&");

int main() {
  traceInt("twice", twice(3));
  int X = 1;
  pick(X) = 5;
  traceInt("x", X);
  auto L = [](int N) -> auto {
    __defer(traceInt("deferred in lambda", N));
    return N + 1;
  };
  traceInt("lambda", L(7));
  return 0;
}

// EXEC:      deferred in twice 3
// EXEC-NEXT: twice 6
// EXEC-NEXT: deferred in pick 1
// EXEC-NEXT: x 5
// EXEC-NEXT: deferred in lambda 7
// EXEC-NEXT: lambda 8
// EXEC-EMPTY:
