// Mirrors runtime/defer_test.go TestIssue43941 (Go issue 43941): steps
// start at 7. A nested function's deferred calls panic 1 (recovered by the
// next one) and then run a function that panics 2, replaced by a deferred
// panic 3, which is recovered; the enclosing function then returns
// normally through step(8) in its body and deferred step(9), step(10).
// Another function defers step(13), step(12) and calls one that defers
// step(11) and panics 4; the defer statements after that call never run.
// The test's deferred closure does step(14) and recovers 4. Every step
// must see the wanted count.
// Go's closures with defer statements that are themselves deferred are
// named functions here (a defer statement inside a deferred closure is
// rejected for now); those that are called directly stay lambdas.
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

static void panics2Then3() {
  __defer([] { show("wants 3", __recover()); }());
  __defer(panicWith(3));
  panicWith(2);
}

static void testIssue43941() {
  int Steps = 7;
  __defer([&] {
    step(&Steps, 14);
    show("wants 4", __recover());
  }());
  [&] {
    [] {
      __defer(panics2Then3());
      __defer([] { show("wants 1", __recover()); }());
      __defer(panicWith(1));
    }();
    __defer([] {}());
    __defer([] {}());
    __defer(step(&Steps, 10));
    __defer(step(&Steps, 9));
    step(&Steps, 8);
  }();
  [&] {
    __defer(step(&Steps, 13));
    __defer(step(&Steps, 12));
    [&] {
      __defer(step(&Steps, 11));
      panicWith(4);
    }();

    // Not executed, but kept as in Go: removing it hid the bug there.
    __defer([] {}());
    __defer(panicWith(-1));
    __defer(step(&Steps, -1));
    __defer(step(&Steps, -1));
    __defer([] {}());
  }();
}

int main() {
  try {
    testIssue43941();
    trace("returned normally");
  } catch (...) {
    showCaught("exception escaped");
  }
  return 0;
}

// EXEC:      wants 1: 1
// EXEC-NEXT: wants 3: 3
// EXEC-NEXT: step 8 (want 8)
// EXEC-NEXT: step 9 (want 9)
// EXEC-NEXT: step 10 (want 10)
// EXEC-NEXT: step 11 (want 11)
// EXEC-NEXT: step 12 (want 12)
// EXEC-NEXT: step 13 (want 13)
// EXEC-NEXT: step 14 (want 14)
// EXEC-NEXT: wants 4: 4
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
