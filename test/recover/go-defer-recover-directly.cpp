// Mirrors test/recover.go test2 and test4 and test/recover1.go test5, test6
// and test7: `__defer(__recover())`, the deferred call *is* the recover.
//
// C++ differs from Go here. Go decides by who called recover(): deferred
// directly in the panicking function it is "too early" and a no-op
// (recover.go test2, recover1.go test7), and deferred inside a deferred
// closure it recovers the panic that called the closure (recover.go test4,
// recover1.go test5 and test6). SPEC 3.2 decides by the innermost running
// deferred call, and a deferred `__recover()` is itself that call: it
// recovers exactly when a deferred closure that calls `__recover()` would,
// that is when an exception propagates out of the function that deferred
// it. So every answer below is the opposite of Go's except recover1.go
// test7's outer mustRecover(2); the comments before the checks give Go's.
//
// Go's closures with defer statements are named functions here, because a
// defer statement inside a deferred closure is rejected for now
// (test/rewriter/deferred-closure-defers.cpp). C++'s mustRecover does not
// first call mustNotRecover, as recover1.go's does: that helper would
// recover in C++ (recover-in-helper.cpp).
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

// recover.go test2: `defer recover()` in the panicking function.
static void test2() {
  __defer(mustRecover(2));
  __defer(__recover());
  panicWith(2);
}

// recover.go test4 and recover1.go test5: the deferred function's body is
// `defer recover()`.
static void defersRecover() {
  trace("defersRecover body");
  __defer(__recover());
}
static void test4() {
  __defer(mustNotRecover());
  __defer(defersRecover());
  panicWith(4);
}

// recover1.go test6: the deferred function defers recover, then
// mustRecover(3), then panics 3.
static void recoverThenMustRecover3() {
  __defer(__recover());
  __defer(mustRecover(3));
  panicWith(3);
}
static void test6() {
  __defer(mustNotRecover());
  __defer(recoverThenMustRecover3());
  panicWith(2);
}

// recover1.go test7: the same with the two defer statements swapped.
static void mustRecover3ThenRecover() {
  __defer(mustRecover(3));
  __defer(__recover());
  panicWith(3);
}
static void test7() {
  __defer(mustRecover(2));
  __defer(mustRecover3ThenRecover());
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
  run("recover.go test2", test2);
  run("recover.go test4, recover1.go test5", test4);
  run("recover1.go test6", test6);
  run("recover1.go test7", test7);
  return 0;
}

// test2: the deferred __recover() runs first, during the propagation out
// of test2, and recovers 2. Go: a no-op; mustRecover gets 2.
// EXEC:      -- recover.go test2
// EXEC-NEXT: mustRecover 2
// EXEC-NEXT:   __recover(): nil
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: returned normally
// test4: defersRecover's deferred __recover() runs at defersRecover's
// normal return: null; 4 still propagates, and the next deferred call of
// test4 takes it. Go: the deferred recover squelches 4; mustNotRecover nil.
// EXEC-NEXT: -- recover.go test4, recover1.go test5
// EXEC-NEXT: defersRecover body
// EXEC-NEXT: mustNotRecover: 4
// EXEC-NEXT: returned normally
// test6: mustRecover(3) recovers 3 (as in Go); then the deferred
// __recover() runs after 3 was recovered: null; 2 still propagates out of
// test6 and mustNotRecover takes it. Go: the deferred recover, now a normal
// deferred call of the function that panic 2 called, recovers 2;
// mustNotRecover nil.
// EXEC-NEXT: -- recover1.go test6
// EXEC-NEXT: mustRecover 3
// EXEC-NEXT:   __recover(): 3
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustNotRecover: 2
// EXEC-NEXT: returned normally
// test7: the deferred __recover() runs first while 3 propagates out of
// mustRecover3ThenRecover and recovers it, so mustRecover(3) gets null;
// the outer mustRecover(2) gets 2. Go: the deferred recover is a no-op,
// mustRecover(3) gets 3, mustRecover(2) gets 2.
// EXEC-NEXT: -- recover1.go test7
// EXEC-NEXT: mustRecover 3
// EXEC-NEXT:   __recover(): nil
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustRecover 2
// EXEC-NEXT:   __recover(): 2
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
