// Issue 4 item 2: in a function whose result type is not
// default-constructible, `__recover()` returns null and changes nothing
// (SPEC 3.2), because there would be no value to return after recovering:
// the exception goes on to the caller. A reference result type is not
// default-constructible either. Go has no such types (every Go type has a
// zero value); this is a C++-only rule.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

struct NoDefault {
  explicit NoDefault(int V) : V(V) {}
  int V;
};

static void mayThrow(int N) {
  if (N > 0)
    throw N;
}

static NoDefault make(int N) {
  __defer([] { show("make's deferred call", __recover()); }());
  mayThrow(N);
  return NoDefault(5);
}

static int Global = 7;

static int &reference(int N) {
  __defer([] { show("reference's deferred call", __recover()); }());
  mayThrow(N);
  return Global;
}

int main() {
  try {
    make(1);
    trace("make returned");
  } catch (int N) {
    traceInt("caught", N);
  }
  traceInt("make(0)", make(0).V);
  try {
    reference(2);
    trace("reference returned");
  } catch (int N) {
    traceInt("caught", N);
  }
  traceInt("reference(0)", reference(0));
  return 0;
}

// EXEC:      make's deferred call: nil
// EXEC-NEXT: caught 1
// EXEC-NEXT: make's deferred call: nil
// EXEC-NEXT: make(0) 5
// EXEC-NEXT: reference's deferred call: nil
// EXEC-NEXT: caught 2
// EXEC-NEXT: reference's deferred call: nil
// EXEC-NEXT: reference(0) 7
// EXEC-EMPTY:
