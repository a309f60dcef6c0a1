// Mirrors runtime/defer_test.go TestAbortedPanic: deferred calls A (wants
// nil from recover), B (wants "panic2"), C (panics "panic2"), then panic
// "panic1". C runs first and replaces panic1 with panic2 (SPEC 3.4); B
// recovers panic2; panic1 was aborted, so nothing is left for A, and the
// function returns normally. (aborted-panic-unrecovered.cpp checks the
// replacement without recover().)
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

static void testAbortedPanic() {
  __defer([] { show("A wants nil", __recover()); }());
  __defer([] { show("B wants \"panic2\"", __recover()); }());
  __defer([] { throw "panic2"; }());
  throw "panic1";
}

int main() {
  try {
    testAbortedPanic();
    trace("returned normally");
  } catch (...) {
    showCaught("exception escaped");
  }
  return 0;
}

// EXEC:      B wants "panic2": "panic2"
// EXEC-NEXT: A wants nil: nil
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
