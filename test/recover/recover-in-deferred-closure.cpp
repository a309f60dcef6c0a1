// Mirrors test/recover.go test3, test/recover1.go test4 and
// runtime/defer_test.go TestUnconditionalPanic: a deferred closure that
// calls `__recover()` stops the propagation (SPEC 3.2); the function's
// earlier deferred call (mustNotRecover) then gets null and the function
// returns normally. TestUnconditionalPanic: the function has no normal exit
// at all (it always panics), and its deferred closure still runs and
// recovers "testUnconditional". Sub-case 4, not in Go: the same with a
// non-void function, which then returns a value-initialised result.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static void mustNotRecover() { show("mustNotRecover", __recover()); }

// recover.go test3: `recover() // should squelch`.
static void test3() {
  __defer(mustNotRecover());
  __defer([] { (void)__recover(); }());
  panicWith(3);
}

// recover1.go test4, printing what the closure got.
static void test4() {
  __defer(mustNotRecover());
  __defer([] { show("closure", __recover()); }());
  panicWith(4);
}

static void testUnconditionalPanic() {
  __defer([] { show("unconditional", __recover()); }());
  throw "testUnconditional";
}

static int unconditionalInt() {
  __defer([] { show("unconditionalInt", __recover()); }());
  panicWith(5);
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
  run("recover.go test3", test3);
  run("recover1.go test4", test4);
  run("TestUnconditionalPanic", testUnconditionalPanic);
  traceInt("unconditionalInt", unconditionalInt());
  return 0;
}

// EXEC:      -- recover.go test3
// EXEC-NEXT: mustNotRecover: nil
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- recover1.go test4
// EXEC-NEXT: closure: 4
// EXEC-NEXT: mustNotRecover: nil
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- TestUnconditionalPanic
// EXEC-NEXT: unconditional: "testUnconditional"
// EXEC-NEXT: returned normally
// EXEC-NEXT: unconditionalInt: 5
// EXEC-NEXT: unconditionalInt 0
// EXEC-EMPTY:
