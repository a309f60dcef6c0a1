// Mirrors runtime/defer_test.go TestIssue43921 (Go issue 43921): an inner
// function whose defers cannot be open-coded (a defer statement in a loop)
// defers a function that defers "wants 4" and panics 4, then panics 1.
// While panic 1 propagates, the deferred function's own panic 4 is
// recovered inside it; panic 1 goes on, and the test's deferred closure
// recovers 1. Go's deferred function is a closure with a defer statement;
// here it is a named function, because a defer statement inside a deferred
// closure is rejected for now.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static void defersThenPanics4() {
  __defer([] { show("wants 4", __recover()); }());
  panicWith(4);
}

static void inner() {
  // Prevent open-coded defers.
  for (;;) {
    __defer([] { trace("loop's deferred call"); }());
    break;
  }
  __defer(defersThenPanics4());
  panicWith(1);
}

static void testIssue43921() {
  __defer([] { show("wants 1", __recover()); }());
  inner();
}

int main() {
  try {
    testIssue43921();
    trace("returned normally");
  } catch (...) {
    showCaught("exception escaped");
  }
  return 0;
}

// EXEC:      wants 4: 4
// EXEC-NEXT: loop's deferred call
// EXEC-NEXT: wants 1: 1
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
