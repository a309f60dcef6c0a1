// Mirrors runtime/defer_test.go TestOpenAndNonOpenDefers and
// TestNonOpenAndOpenDefers: a deferred closure in a loop (Go's
// heap-allocated tier) that wants "testNonOpenDefer" from recover(), and a
// call of testOpen, whose open-coded deferred closure recovers its own
// "testOpenDefer"; then the outer function panics "testNonOpenDefer". Each
// recover() sees only its own panic, in both orders.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

static int Glob = 3;

static void testOpen(int Arg) {
  __defer([](int N) {
    traceInt("testOpen's deferred call, n", N);
    show("  recover", __recover());
  }(4));
  if (Arg > 2)
    throw "testOpenDefer";
}

static void testOpenAndNonOpenDefers() {
  for (;;) {
    // Non-open defer because in a loop.
    __defer([](int N) {
      traceInt("loop's deferred call, n", N);
      show("  recover", __recover());
    }(3));
    if (Glob > 2)
      break;
  }
  testOpen(47);
  throw "testNonOpenDefer";
}

static void testNonOpenAndOpenDefers() {
  testOpen(47);
  for (;;) {
    __defer([](int N) {
      traceInt("loop's deferred call, n", N);
      show("  recover", __recover());
    }(3));
    if (Glob > 2)
      break;
  }
  throw "testNonOpenDefer";
}

static void run(const char *Label, void (*F)()) {
  std::printf("-- %s\n", Label);
  try {
    F();
    trace("returned normally");
  } catch (...) {
    showCaught("exception escaped");
  }
}

int main() {
  run("open and non-open", testOpenAndNonOpenDefers);
  run("non-open and open", testNonOpenAndOpenDefers);
  return 0;
}

// The loop body runs once (Glob > 2), so the loop registers one deferred
// call; testOpen's runs inside testOpen, before the outer panic.
// EXEC:      -- open and non-open
// EXEC-NEXT: testOpen's deferred call, n 4
// EXEC-NEXT:   recover: "testOpenDefer"
// EXEC-NEXT: loop's deferred call, n 3
// EXEC-NEXT:   recover: "testNonOpenDefer"
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- non-open and open
// EXEC-NEXT: testOpen's deferred call, n 4
// EXEC-NEXT:   recover: "testOpenDefer"
// EXEC-NEXT: loop's deferred call, n 3
// EXEC-NEXT:   recover: "testNonOpenDefer"
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
