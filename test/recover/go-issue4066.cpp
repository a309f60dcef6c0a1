// Mirrors test/fixedbugs/issue4066.go ("return values not being spilled
// eagerly enough"): foo's named result val is set to 2 in a loop right
// before a call that panics with a struct; a deferred closure recovers and
// checks the panic's type; foo must return 2, the value the result held
// when the panic started. In C++ the named result is `__result`, the
// struct panic is a thrown TErr, and Go's type assertion `x.(terr)` is a
// handler for TErr on the recovered exception_ptr.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

struct TErr {};

[[noreturn]] static void foo1() { throw TErr(); }

static int foo() {
  __result = 0;
  __defer([] {
    if (std::exception_ptr X = __recover()) {
      try {
        std::rethrow_exception(X);
      } catch (const TErr &) {
        trace("recovered a TErr");
      }
    }
  }());
  for (;;) {
    __result = 2;
    foo1();
  }
}

int main() {
  traceInt("foo", foo());
  return 0;
}

// EXEC:      recovered a TErr
// EXEC-NEXT: foo 2
// EXEC-EMPTY:
