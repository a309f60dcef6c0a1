// An early return runs the deferred calls whose defer statements have
// executed, and not those after it (SPEC 2.2, 2.9).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static int run(int N) {
  __defer(traceInt("first", N));
  if (N == 1) {
    trace("early return");
    return 10;
  }
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}; try {
  __defer(traceInt("second", N));
  if (N == 2)
    return 20;
  trace("end");
  return 30;
}

int main() {
  traceInt("result", run(1));
  traceInt("result", run(2));
  traceInt("result", run(3));
  return 0;
}

// EXEC:      early return
// EXEC-NEXT: first 1
// EXEC-NEXT: result 10
// EXEC-NEXT: second 2
// EXEC-NEXT: first 2
// EXEC-NEXT: result 20
// EXEC-NEXT: end
// EXEC-NEXT: second 3
// EXEC-NEXT: first 3
// EXEC-NEXT: result 30
// EXEC-EMPTY:
