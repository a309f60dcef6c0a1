// A default argument is an argument of the call: it is evaluated at the
// defer statement, as if the call happened there (SPEC 2.3), not when the
// deferred call runs. The rewriter spells the default argument after the
// written ones, with its names qualified so that they mean at the defer
// statement what they mean at the parameter, and keeps its value.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static int Counter = 0;

static int next() {
  trace("default argument evaluated");
  return ++Counter;
}

static void withDefault(int A, int B = next()) { std::printf("withDefault %d %d\n", A, B); }

int main() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)withDefault({{.*}}); }, ::cxxdefer::detail::value_arg{1}, ::cxxdefer::detail::value_arg{::next()}}}; try {
  __defer(withDefault(1));
  Counter = 100;
  traceInt("counter", Counter);
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// EXEC:      default argument evaluated
// EXEC-NEXT: counter 100
// EXEC-NEXT: withDefault 1 1
// EXEC-EMPTY:
