// `return e;` sets the result before the deferred calls run (SPEC 2.4,
// 2.6). When a deferred call then throws and an earlier-registered one
// recovers, Go returns the value `return e;` stored (plus what the deferred
// calls changed), whether the result is named or not.
//
// In C++ that holds in a function that names `__result` (sub-case 1:
// `return 5;` assigned it, the recovering call adds 1, the caller gets 6).
// A function that never names `__result` keeps copy elision: its return
// object is already built in the caller's storage when the deferred calls
// run, and C++ destroys it when a deferred call (a local's destructor in
// the standard's terms, [except.ctor]) throws. So after recovering it
// returns a value-initialised R (SPEC 3.2: "the value of __result
// (value-initialised unless a deferred call set it)"), not 5: this differs
// from Go (sub-cases 2 and 3). Naming `__result` anywhere in the function
// gives Go's answer.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

// 1. Names __result: the recovering call sees 5 and adds 1.
static int named() {
  __defer([&] {
    show("named recovers", __recover());
    traceInt("named sees __result", __result);
    __result += 1;
  }());
  __defer(panicWith(1));
  return 5;
}

// 2. Never names __result.
static int unnamed() {
  __defer([] { show("unnamed recovers", __recover()); }());
  __defer(panicWith(2));
  return 5;
}

// 3. The same with a class type.
static std::string unnamedString() {
  __defer([] { show("unnamedString recovers", __recover()); }());
  __defer(panicWith(3));
  return "returned";
}

int main() {
  traceInt("named", named());
  traceInt("unnamed", unnamed());
  std::printf("unnamedString '%s'\n", unnamedString().c_str());
  return 0;
}

// EXEC:      named recovers: 1
// EXEC-NEXT: named sees __result 5
// EXEC-NEXT: named 6
// EXEC-NEXT: unnamed recovers: 2
// EXEC-NEXT: unnamed 0
// EXEC-NEXT: unnamedString recovers: 3
// EXEC-NEXT: unnamedString ''
// EXEC-EMPTY:
