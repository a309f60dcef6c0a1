// Mirrors test/recover.go test1 and test1WithClosures, with the C++ rule
// for helpers (SPEC 3.2), which differs from Go's:
//
// Go's test1 defers mustNotRecover(), mustRecover(1) and withoutRecover(),
// then panics 1. In Go only a recover() called directly by the deferred
// function counts: withoutRecover's sub-call and mustRecover's
// doubleRecover() helper get nil, mustRecover's own recover() gets 1, and
// the last mustNotRecover gets nil. In C++ a helper of the deferred call
// recovers too, so the first deferred call that reaches `__recover()` by
// any path takes the exception: here withoutRecover's sub-call (it runs
// first, LIFO), and everything after it gets null. Sub-case 2 drops
// withoutRecover, so that mustRecover's helper is the first to ask.
// test1WithClosures is the same with deferred closures (one of them gets 1
// by value, as Go's `func(x interface{}) {...}(1)`).
//
// C++'s mustRecover asks in the order Go's mustRecoverBody checks (helper,
// direct, direct again), one statement each, since C++ leaves the order of
// a call's arguments unspecified. Every line prints what the call got.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static std::exception_ptr doubleRecover() { return __recover(); }

static void mustRecover(int X) {
  traceInt("mustRecover", X);
  show("  doubleRecover()", doubleRecover());
  show("  __recover()", __recover());
  show("  __recover() again", __recover());
}

static void mustNotRecover() { show("mustNotRecover", __recover()); }

static void withoutRecover() {
  trace("withoutRecover calls mustNotRecover");
  mustNotRecover();
}

// 1. Go's test1.
static void test1() {
  __defer(mustNotRecover());
  __defer(mustRecover(1));
  __defer(withoutRecover());
  panicWith(1);
}

// 2. Without withoutRecover.
static void test1NoSubCall() {
  __defer(mustNotRecover());
  __defer(mustRecover(1));
  panicWith(1);
}

// 3. Go's test1WithClosures.
static void test1WithClosures() {
  __defer([] { show("first closure", __recover()); }());
  __defer([](int X) {
    traceInt("second closure, x", X);
    mustNotRecover();
    show("  second closure's __recover()", __recover());
  }(1));
  __defer([] {
    trace("third closure calls mustNotRecover");
    mustNotRecover();
  }());
  panicWith(1);
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
  run("test1 without the sub-call", test1NoSubCall);
  run("test1WithClosures", test1WithClosures);
  return 0;
}

// 1. Go: withoutRecover's mustNotRecover nil, doubleRecover nil,
//    __recover 1, again nil, mustNotRecover nil.
// EXEC:      -- test1
// EXEC-NEXT: withoutRecover calls mustNotRecover
// EXEC-NEXT: mustNotRecover: 1
// EXEC-NEXT: mustRecover 1
// EXEC-NEXT:   doubleRecover(): nil
// EXEC-NEXT:   __recover(): nil
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustNotRecover: nil
// EXEC-NEXT: returned normally
// 2. Go: doubleRecover nil, __recover 1.
// EXEC-NEXT: -- test1 without the sub-call
// EXEC-NEXT: mustRecover 1
// EXEC-NEXT:   doubleRecover(): 1
// EXEC-NEXT:   __recover(): nil
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustNotRecover: nil
// EXEC-NEXT: returned normally
// 3. Go: the third closure's mustNotRecover nil, the second closure's
//    mustNotRecover nil and its recover() 1, the first closure nil.
// EXEC-NEXT: -- test1WithClosures
// EXEC-NEXT: third closure calls mustNotRecover
// EXEC-NEXT: mustNotRecover: 1
// EXEC-NEXT: second closure, x 1
// EXEC-NEXT: mustNotRecover: nil
// EXEC-NEXT:   second closure's __recover(): nil
// EXEC-NEXT: first closure: nil
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
