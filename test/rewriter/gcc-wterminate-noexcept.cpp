// The rewritten text of a function that cannot throw (a `noexcept`
// function, a destructor) must compile with GCC under -Werror like any
// other (SPEC 5.2: ordinary C++ for GCC and Clang).
//
// Each slot's handler is `} catch (...) { if (!slot.unwind(true)) ::cxxdefer::detail::rethrow(); }`. In a
// noexcept function GCC reports that `throw;` with the warning -Wterminate
// ("'throw' will always call 'terminate'"), which is on by default, so
// -Werror rejects the output. Clang says nothing. Emitting the rethrow
// through a runtime function (for example
// `::cxxdefer::detail::rethrow()`) would keep the behaviour and silence it.
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %gxx -std=c++17 -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run() noexcept {
  __defer(trace("deferred in noexcept function"));
  trace("noexcept body");
}

struct Widget {
  ~Widget() {
    __defer(trace("deferred in destructor"));
    trace("destructor body");
  }
};

int main() {
  run();
  { Widget W; }
  return 0;
}

// EXEC:      noexcept body
// EXEC-NEXT: deferred in noexcept function
// EXEC-NEXT: destructor body
// EXEC-NEXT: deferred in destructor
// EXEC-EMPTY:
