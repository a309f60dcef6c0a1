// Mirrors runtime/defer_test.go TestRecoverMatching: A wants "panic1"; B's
// body only defers C, and C's recover() must return nil, because C runs at
// B's normal return, not because of the panic; then A recovers "panic1".
// C++ gives the same answers through SPEC 3.2's rule (the innermost
// running deferred call is C, and its function B is returning normally),
// not through Go's "called directly by the panic" rule.
//
// Go's B is a closure with a defer statement in its body; here B is a
// named function, because a defer statement inside a deferred closure is
// rejected for now (test/rewriter/deferred-closure-defers.cpp);
// go-deferred-closure-defers.cpp has the closure form.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

static void deferredC() { show("C wants nil", __recover()); }

static void deferredB() { __defer(deferredC()); }

static void testRecoverMatching() {
  __defer([] { show("A wants \"panic1\"", __recover()); }());
  __defer(deferredB());
  throw "panic1";
}

int main() {
  try {
    testRecoverMatching();
    trace("returned normally");
  } catch (...) {
    showCaught("exception escaped");
  }
  return 0;
}

// EXEC:      C wants nil: nil
// EXEC-NEXT: A wants "panic1": "panic1"
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
