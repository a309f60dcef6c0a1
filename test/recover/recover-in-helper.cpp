// C++ differs from Go here (SPEC 3.2): `__recover()` also works in a helper
// that the deferred call invokes, at any depth and through type-erased
// callables, because C++ has no reliable notion of a "direct" call once
// inlining happens. Go's test/recover.go doubleRecover, withoutRecover and
// test16 (a reflect.MakeFunc function called by the deferred one) check the
// opposite: there a helper's recover() returns nil. The exception: while
// the helper runs deferred calls of its own, those are the innermost
// running deferred calls, and they run for a normal return, so their
// `__recover()` returns null.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

// 1. Two calls deep (Go's withoutRecover -> mustNotRecover: nil in Go).
static void helper2() { show("helper two calls deep", __recover()); }
static void helper1() { helper2(); }
static void twoDeep() {
  __defer(helper1());
  panicWith(1);
}

// 2. The helper has a deferred call of its own: it runs at the helper's
//    normal return and is the innermost, so it gets null; afterwards the
//    deferred call itself recovers.
static void helperWithDefer() {
  __defer([] { show("helper's own deferred call", __recover()); }());
  trace("helper body");
}
static void helperDefersFirst() {
  __defer([] {
    helperWithDefer();
    show("deferred call after the helper", __recover());
  }());
  panicWith(2);
}

// 3. The helper's body (not its deferred call) recovers: its deferred calls
//    are not running yet, so the innermost running deferred call is the
//    one that called it; the helper's own deferred call then gets null.
static void helperRecoversInBody() {
  __defer([] { show("helper's own deferred call after recovery", __recover()); }());
  show("helper body", __recover());
}
static void helperBody() {
  __defer(helperRecoversInBody());
  panicWith(3);
}

// 4. Through a std::function the deferred call invokes (Go's test16 calls
//    a reflect.MakeFunc function, whose recover() gets nil).
static void throughFunction() {
  std::function<void()> Recover = [] { show("std::function called by the deferred call", __recover()); };
  __defer([&] { Recover(); }());
  panicWith(4);
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
  run("two deep", twoDeep);
  run("helper defers first", helperDefersFirst);
  run("helper body", helperBody);
  run("std::function", throughFunction);
  return 0;
}

// EXEC:      -- two deep
// EXEC-NEXT: helper two calls deep: 1
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- helper defers first
// EXEC-NEXT: helper body
// EXEC-NEXT: helper's own deferred call: nil
// EXEC-NEXT: deferred call after the helper: 2
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- helper body
// EXEC-NEXT: helper body: 3
// EXEC-NEXT: helper's own deferred call after recovery: nil
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- std::function
// EXEC-NEXT: std::function called by the deferred call: 4
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
