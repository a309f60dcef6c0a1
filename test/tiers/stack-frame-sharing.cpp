// Stack-allocated defers (SPEC 4) and the order with destructors (SPEC 2.5):
// consecutive top-level defer statements share one defer_frame, but a local
// declared between two of them starts a new frame, so the later deferred
// call still runs before that local dies and the earlier one after.
//
// UNSUPPORTED: forced-tier-heap
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void nine() {
  Tracked First("first");
  // CHECK: stack_record cxxdefer_d[[@LINE+2]]_3; ::cxxdefer::detail::stack_record cxxdefer_d[[@LINE+3]]_3; try { ::cxxdefer::detail::defer_frame cxxdefer_frame[[@LINE+2]]_3(true); try { cxxdefer_d[[@LINE+2]]_3.push(
  // CHECK-NEXT: cxxdefer_d[[@LINE+2]]_3.push(
  __defer(First.use("1"));
  __defer(traceInt("deferred", 2));
  Tracked Second("second");
  // CHECK: stack_record cxxdefer_d[[@LINE+1]]_3; {{.*}}stack_record cxxdefer_d{{[0-9]+}}_3; try { ::cxxdefer::detail::defer_frame cxxdefer_frame[[@LINE+1]]_3(true);
  __defer(Second.use("3"));
  if (true) {
    __defer(traceInt("deferred", 4));
  }
  __defer(traceInt("deferred", 5));
  __defer(traceInt("deferred", 6));
  __defer(traceInt("deferred", 7));
  __defer(traceInt("deferred", 8));
  __defer(traceInt("deferred", 9));
  trace("body done");
}

int main() {
  nine();
  return 0;
}

// EXEC:      ctor first
// EXEC-NEXT: ctor second
// EXEC-NEXT: body done
// EXEC-NEXT: deferred 9
// EXEC-NEXT: deferred 8
// EXEC-NEXT: deferred 7
// EXEC-NEXT: deferred 6
// EXEC-NEXT: deferred 5
// EXEC-NEXT: deferred 4
// EXEC-NEXT: use second in 3
// EXEC-NEXT: dtor second
// EXEC-NEXT: deferred 2
// EXEC-NEXT: use first in 1
// EXEC-NEXT: dtor first
// EXEC-EMPTY:
