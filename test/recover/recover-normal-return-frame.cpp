// Issue 4 item 2: `__recover()` in a deferred call of a function that is
// returning normally returns null and changes nothing (SPEC 3.2), also
// while an outer function is propagating an exception: the innermost
// running deferred call decides, and it does not run because of an
// exception. Go's test/recover.go mustNotRecover and TestRecoverMatching
// check the same (go-recover-matching.cpp is the Go test itself).
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

/// The exception that propagates; remembers the address of the object.
struct Error {
  explicit Error(int Id) : Id(Id) { Address = this; }
  Error(const Error &Other) : Id(Other.Id) { trace("Error copied"); }
  int Id;
  static const Error *Address;
};
const Error *Error::Address = nullptr;

// 1. No exception anywhere.
static int returnsNormally() {
  __defer([] { show("deferred call of a normal return", __recover()); }());
  return 1;
}

// 2. Returns normally while its caller's exception propagates: called from
//    a deferred call of propagates().
static void helperWithDefer() {
  __defer([] { show("deferred call of a normal return during a propagation", __recover()); }());
  trace("helperWithDefer body");
}

static void propagates() {
  __defer(trace("propagates' earlier deferred call runs"));
  __defer(helperWithDefer());
  throw Error(2);
}

int main() {
  traceInt("returnsNormally", returnsNormally());
  try {
    propagates();
    trace("returned normally");
  } catch (const Error &E) {
    traceInt("caught Error", E.Id);
    trace(&E == Error::Address ? "same exception object" : "another exception object");
  }
  return 0;
}

// 2. helperWithDefer's deferred call returns null and does not stop the
//    propagation: Error 2 reaches main, the same object.
// EXEC:      deferred call of a normal return: nil
// EXEC-NEXT: returnsNormally 1
// EXEC-NEXT: helperWithDefer body
// EXEC-NEXT: deferred call of a normal return during a propagation: nil
// EXEC-NEXT: propagates' earlier deferred call runs
// EXEC-NEXT: caught Error 2
// EXEC-NEXT: same exception object
// EXEC-EMPTY:
