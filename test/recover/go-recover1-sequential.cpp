// Mirrors test/recover1.go test1, test2 and test3 ("recover during
// recursive panics"):
//   test1: the deferred function defers mustRecover(2) and panics 2; that
//          nested panic is recovered inside it; the outer mustRecover(1)
//          then recovers 1.
//   test2: the deferred function recovers 2 (and checks the value), then
//          defers mustRecover(3) and panics 3, which is recovered; the
//          outer mustNotRecover gets nil, since 2 was recovered.
//   test3: test2 without checking the value.
// SPEC 3.2 gives Go's answers. Go's deferred closures are named functions
// here, because a defer statement inside a deferred closure is rejected
// for now (go-deferred-closure-defers.cpp has the closure form). Go's
// mustRecover first calls mustNotRecover ("because it's not a defer
// call"); in C++ that helper would recover (recover-in-helper.cpp), so the
// C++ mustRecover does not.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static void mustRecover(int X) {
  traceInt("mustRecover", X);
  show("  __recover()", __recover());
  show("  __recover() again", __recover());
}

static void mustNotRecover() { show("mustNotRecover", __recover()); }

static void nestedPanic2() {
  __defer(mustRecover(2));
  panicWith(2);
}
static void test1() {
  __defer(mustRecover(1));
  __defer(nestedPanic2());
  panicWith(1);
}

static void recoverThenPanic3() {
  show("deferred function recovers", __recover());
  __defer(mustRecover(3));
  panicWith(3);
}
static void test2() {
  __defer(mustNotRecover());
  __defer(recoverThenPanic3());
  panicWith(2);
}

static void recoverQuietlyThenPanic3() {
  (void)__recover();
  __defer(mustRecover(3));
  panicWith(3);
}
static void test3() {
  __defer(mustNotRecover());
  __defer(recoverQuietlyThenPanic3());
  panicWith(2);
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
  run("test1", test1);
  run("test2", test2);
  run("test3", test3);
  return 0;
}

// EXEC:      -- test1
// EXEC-NEXT: mustRecover 2
// EXEC-NEXT:   __recover(): 2
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustRecover 1
// EXEC-NEXT:   __recover(): 1
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- test2
// EXEC-NEXT: deferred function recovers: 2
// EXEC-NEXT: mustRecover 3
// EXEC-NEXT:   __recover(): 3
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustNotRecover: nil
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- test3
// EXEC-NEXT: mustRecover 3
// EXEC-NEXT:   __recover(): 3
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustNotRecover: nil
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
