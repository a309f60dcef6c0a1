// Mirrors test/recover.go test7 and the third recover() of its
// mustRecoverBody: once an exception was recovered, `__recover()` returns
// null (SPEC 3.2: "after the exception was recovered"), in the same
// deferred call and in the function's remaining deferred calls, which
// still run (test7's `ok = true`) before the function returns normally.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static void mustRecover(int X) {
  traceInt("mustRecover", X);
  show("  first __recover()", __recover());
  show("  second __recover()", __recover());
}

// Go's test7: the closure is a function of its own that panics.
static void test7() {
  bool Ok = false;
  [&] {
    __defer([&] {
      Ok = true;
      show("earlier deferred call", __recover());
    }());
    __defer(mustRecover(7));
    panicWith(7);
  }();
  trace(Ok ? "ok func ran" : "did not run ok func");
}

int main() {
  test7();
  trace("returned normally");
  return 0;
}

// EXEC:      mustRecover 7
// EXEC-NEXT:   first __recover(): 7
// EXEC-NEXT:   second __recover(): nil
// EXEC-NEXT: earlier deferred call: nil
// EXEC-NEXT: ok func ran
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
