// Falling off the end of a void function, and of main, runs the deferred
// calls at the closing brace (SPEC 2.7).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run(int N) {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}; try {
  __defer(traceInt("deferred in run", N));
  traceInt("run body", N);
  // CHECK: } catch (...) { if (cxxdefer_d[[@LINE-2]]_3.unwind(true)) return; ::cxxdefer::detail::rethrow(); } }
}

int main() {
  __defer(trace("deferred in main"));
  run(1);
  run(2);
  trace("main body");
}

// EXEC:      run body 1
// EXEC-NEXT: deferred in run 1
// EXEC-NEXT: run body 2
// EXEC-NEXT: deferred in run 2
// EXEC-NEXT: main body
// EXEC-NEXT: deferred in main
// EXEC-EMPTY:
