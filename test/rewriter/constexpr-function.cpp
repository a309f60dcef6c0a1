// A constexpr function with defer statements (SPEC 2.8). Under C++20 its
// deferred calls run in constant evaluation too - open-coded, conditional,
// stack- and heap-allocated ones - so a static_assert sees them. Before
// C++20 it runs them at run time only: it stops being constexpr (its
// `constexpr` becomes `inline`), and a caller that needs it in a constant
// expression no longer compiles.
//
// RUN: %check_cxxdefer %s %t
// RUN: %check_cxxdefer --std=c++20 --no-text %s %t.many -- -DMANY_DEFERS
// RUN: %if !forced-tier %{ %cxxdefer %s -- -std=c++20 | FileCheck --check-prefix=CXX20 %s %}

#include <cxxdefer.h>

#include "Inputs/trace.h"

constexpr void note(int N) {
  if (!__builtin_is_constant_evaluated())
    traceInt("deferred", N);
}

struct Counter {
  int *Total;
  constexpr void add(int N) { *Total += N; }
};

// CHECK: {{^}}inline void addAll(int *Total, int N) {
constexpr void addAll(int *Total, int N) {
  Counter C{Total};
  __defer(C.add(1));
  if (N > 1) {
    __defer(C.add(10));
  }
  for (int I = 0; I < N; ++I)
    __defer(C.add(100));
#ifdef MANY_DEFERS
  __defer(C.add(1000));
  __defer(C.add(1000));
  __defer(C.add(1000));
  __defer(C.add(1000));
  __defer(C.add(1000));
  __defer(C.add(1000));
  __defer(C.add(1000));
  __defer(C.add(1000));
#endif
}

// A nested defer statement of an open-coded function: its slot is armed
// by the runtime where the function stays constexpr (constant evaluation
// cannot place the call with `new`), by the statement itself where it does
// not.
// CHECK: {{^}}inline void addIf(int *Total, int N) {
// CXX20: {{^}}constexpr void addIf(int *Total, int N) {
constexpr void addIf(int *Total, int N) {
  Counter C{Total};
  if (N > 1) {
    // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[@LINE+2]]_5)::direct_call *>
    // CXX20: {{^}}    cxxdefer_d[[@LINE+1]]_5.arm(::cxxdefer::detail::call{
    __defer(C.add(10));
  }
  __defer(C.add(1));
}

// A constexpr caller needs a constexpr callee: before C++20 it cannot be
// one.
#if __cplusplus >= 202002L
#define CONSTEXPR_SINCE_20 constexpr
#else
#define CONSTEXPR_SINCE_20
#endif

CONSTEXPR_SINCE_20 int withDefers(int N) {
  int Total = 0;
  addAll(&Total, N);
  return Total;
}

CONSTEXPR_SINCE_20 int withConditional(int N) {
  int Total = 0;
  addIf(&Total, N);
  return Total;
}

constexpr int result(int N) {
  __defer(note(N));
  return N * 2;
}

#if __cplusplus >= 202002L
#ifdef MANY_DEFERS
static_assert(withDefers(3) == 8311, "deferred calls run at compile time");
#else
static_assert(withDefers(3) == 311, "deferred calls run at compile time");
#endif
static_assert(result(4) == 8, "");
static_assert(withConditional(2) == 11 && withConditional(1) == 1,
              "a nested defer runs at compile time");
#endif

int main() {
  traceInt("with defers", withDefers(2) % 1000);
  traceInt("result", result(3));
  traceInt("conditional", withConditional(2));
  traceInt("conditional", withConditional(1));
  return 0;
}

// EXEC:      with defers 211
// EXEC-NEXT: deferred 3
// EXEC-NEXT: result 6
// EXEC-NEXT: conditional 11
// EXEC-NEXT: conditional 1
// EXEC-EMPTY:
