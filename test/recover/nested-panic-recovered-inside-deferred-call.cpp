// Mirrors test/recover.go test111: a deferred call first calls a function
// that panics 112 and recovers it in its own deferred call, and must then
// still recover the outer 111. A nested exception fully handled inside a
// deferred call does not disturb that call's right to recover the outer
// one (SPEC 3.2). Sub-cases not in Go: the nested exception is handled by
// try/catch instead, and `__recover()` is called inside that catch handler,
// where std::current_exception() is the nested exception but the exception
// propagating out of the deferred call's function is still the outer one.
// (nested-panic-caught-inside-deferred-call.cpp is the form without
// recover().)
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

// 1. Go's test111.
static void recoversOwnPanic() {
  __defer([] { show("inner deferred call", __recover()); }());
  panicWith(112);
}
static void deferredAfterNestedRecover() {
  recoversOwnPanic();
  show("outer deferred call", __recover());
}
static void test111() {
  __defer(deferredAfterNestedRecover());
  panicWith(111);
}

// 2. The nested exception is caught with try/catch.
static void deferredAfterNestedCatch() {
  try {
    panicWith(212);
  } catch (int N) {
    traceInt("caught nested", N);
  }
  show("outer deferred call", __recover());
}
static void test211() {
  __defer(deferredAfterNestedCatch());
  panicWith(211);
}

// 3. __recover() inside the handler of the nested exception.
static void deferredRecoversInHandler() {
  try {
    panicWith(312);
  } catch (int N) {
    traceInt("caught nested", N);
    show("outer deferred call, in the handler", __recover());
  }
}
static void test311() {
  __defer(deferredRecoversInHandler());
  panicWith(311);
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
  run("test111", test111);
  run("caught nested", test211);
  run("recover in the nested handler", test311);
  return 0;
}

// EXEC:      -- test111
// EXEC-NEXT: inner deferred call: 112
// EXEC-NEXT: outer deferred call: 111
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- caught nested
// EXEC-NEXT: caught nested 212
// EXEC-NEXT: outer deferred call: 211
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- recover in the nested handler
// EXEC-NEXT: caught nested 312
// EXEC-NEXT: outer deferred call, in the handler: 311
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
