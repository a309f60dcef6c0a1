// Defer statements in `switch` cases register only when their case runs;
// jumping to a later case skips the defer statements of the earlier ones,
// and a case that never matches never runs its deferred call (Go's
// TestDisappearingDefer). The slots sit before the switch, unarmed.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run(int N) {
  // CHECK: ::cxxdefer::detail::cond_slot<0> cxxdefer_d[[@LINE+3]]_5({{.*}}); try { ::cxxdefer::detail::cond_slot<1> cxxdefer_d[[@LINE+6]]_5({{.*}}); try { ::cxxdefer::detail::cond_slot<2> cxxdefer_d[[@LINE+12]]_5({{.*}}); try { switch (N) {
  switch (N) {
  case 1:
    __defer(traceInt("case 1 deferred", N));
    break;
  case 2:
    __defer(traceInt("case 2 deferred", N));
    [[fallthrough]];
  case 3:
    traceInt("case 3 body", N);
    break;
  case 100:
    __defer(trace("never runs"));
    break;
  default:
    break;
  }
  traceInt("after switch", N);
}

int main() {
  run(1);
  run(2);
  run(3);
  run(4);
  return 0;
}

// EXEC:      after switch 1
// EXEC-NEXT: case 1 deferred 1
// EXEC-NEXT: case 3 body 2
// EXEC-NEXT: after switch 2
// EXEC-NEXT: case 2 deferred 2
// EXEC-NEXT: case 3 body 3
// EXEC-NEXT: after switch 3
// EXEC-NEXT: after switch 4
// EXEC-NOT:  never runs
