// A default argument is an argument of the call: it is evaluated at the
// defer statement, as if the call happened there (SPEC 2.3), not when the
// deferred call runs.
//
// XFAIL: *
// The rewriter keeps only the arguments written in the call; the caller
// lambda calls `withDefault(a)` at exit, so the default argument `next()`
// is evaluated at exit (this test prints "withDefault 1 101" instead of
// "withDefault 1 1"). CapturePlan should keep each CXXDefaultArgExpr as an
// operand (val/as of the parameter type) and pass it explicitly.
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
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}withDefault({{.*}}::cxxdefer::detail::val(1){{.*}}next(){{.*}}; try {
  __defer(withDefault(1));
  Counter = 100;
  traceInt("counter", Counter);
  return 0;
}

// EXEC:      default argument evaluated
// EXEC-NEXT: counter 100
// EXEC-NEXT: withDefault 1 1
// EXEC-EMPTY:
