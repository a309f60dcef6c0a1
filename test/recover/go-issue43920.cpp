// Mirrors runtime/defer_test.go TestIssue43920 (Go issue 43920): the test
// function defers A (wants 1) and B, then calls a function that defers
// step(1) and panics 1. B runs for panic 1 and itself defers B1, B2 (wants
// 3) and B3 (panics 3). At B's normal return B3 panics 3, B2 recovers it;
// then B1 defers "wants 5" and `panic(5)` and calls a function that panics
// 4: the deferred panic 5 replaces 4 and is recovered by "wants 5". B
// returns normally, panic 1 goes on, and A recovers 1. steps must be 1.
// Go's `defer panic(n)` is a deferred call of a function that throws n.
// Go's B and B1 are closures with defer statements; here they are named
// functions, because a defer statement inside a deferred closure is
// rejected for now.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static void step(int *Steps, int Want) {
  ++*Steps;
  std::printf("step %d (want %d)\n", *Steps, Want);
}

static void b1() {
  __defer([] { show("wants 5", __recover()); }());
  __defer(panicWith(5));
  [] { panicWith(4); }();
}

static void b() {
  __defer(b1());
  __defer([] { show("wants 3", __recover()); }());
  __defer(panicWith(3));
}

static void testIssue43920() {
  int Steps = 0;
  __defer([&] {
    show("wants 1", __recover());
    traceInt("steps", Steps);
  }());
  __defer(b());
  [&] {
    __defer(step(&Steps, 1));
    panicWith(1);
  }();
}

int main() {
  try {
    testIssue43920();
    trace("returned normally");
  } catch (...) {
    showCaught("exception escaped");
  }
  return 0;
}

// EXEC:      step 1 (want 1)
// EXEC-NEXT: wants 3: 3
// EXEC-NEXT: wants 5: 5
// EXEC-NEXT: wants 1: 1
// EXEC-NEXT: steps 1
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
