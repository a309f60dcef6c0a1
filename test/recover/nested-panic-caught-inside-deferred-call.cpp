// Mirrors test/recover1.go test1 and test/recover.go test111 without
// recover(): an exception thrown and fully handled inside a deferred call
// that runs during a propagation does not disturb that propagation
// (SPEC 3.1, 3.5). The deferred call here handles the nested exception with
// try/catch, directly or in a function it calls that has deferred calls of
// its own; the outer exception then reaches the caller with its type and
// identity, after the remaining deferred calls ran.
// (nested-panic-recovered-inside-deferred-call.cpp is the recover() form.)
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

/// The outer exception; remembers the address of the thrown object.
struct Outer {
  explicit Outer(int Id) : Id(Id) { Address = this; }
  Outer(const Outer &Other) : Id(Other.Id) { trace("Outer copied"); }
  int Id;
  static const Outer *Address;
};
const Outer *Outer::Address = nullptr;

[[noreturn]] static void panicWith(int N) { throw N; }

// A function with deferred calls of its own that throws 2 through them.
static void throwsThroughDefers() {
  __defer(trace("throwsThroughDefers' deferred call runs"));
  panicWith(2);
}

// Handles a nested exception that propagated through deferred calls.
static void handlesNested() {
  __defer(trace("handlesNested's deferred call runs"));
  try {
    throwsThroughDefers();
  } catch (int N) {
    traceInt("handlesNested caught", N);
  }
}

static void run() {
  __defer(trace("earliest deferred call runs"));
  __defer(handlesNested());
  __defer([] {
    try {
      panicWith(1);
    } catch (int N) {
      traceInt("deferred closure caught", N);
    }
  }());
  throw Outer(7);
}

int main() {
  try {
    run();
    trace("returned normally");
  } catch (const Outer &E) {
    traceInt("caught Outer", E.Id);
    trace(&E == Outer::Address ? "same exception object" : "another exception object");
  } catch (...) {
    showCaught("caught something else");
  }
  return 0;
}

// LIFO: the closure throws and catches 1; handlesNested runs
// throwsThroughDefers, whose deferred call runs while 2 propagates, catches
// 2, then its own deferred call runs at its normal return; the earliest
// deferred call runs; Outer(7) reaches main, the object that was thrown.
// EXEC:      deferred closure caught 1
// EXEC-NEXT: throwsThroughDefers' deferred call runs
// EXEC-NEXT: handlesNested caught 2
// EXEC-NEXT: handlesNested's deferred call runs
// EXEC-NEXT: earliest deferred call runs
// EXEC-NEXT: caught Outer 7
// EXEC-NEXT: same exception object
// EXEC-EMPTY:
