// Issue 4 item 2: an exception that would leave a `noexcept` function calls
// std::terminate, except when a deferred call of that function recovers it
// (SPEC 3.2, 3.4): then the function returns normally with `__result`
// (value-initialised unless set) and the program goes on. Go has no
// noexcept; this is the C++ case of "recover stops the panic".
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <cstdlib>
#include <exception>
#include <string>

#include "Inputs/panic.h"

// Not noexcept: the throw is in a callee, as in real code.
static void mayThrow(int N) {
  if (N > 0)
    throw N;
}

// 1. A void noexcept function.
static void voidFunction(int N) noexcept {
  __defer([] { show("voidFunction's deferred call", __recover()); }());
  mayThrow(N);
  trace("not reached");
}

// 2. A non-void one that never sets __result: returns 0.
static int valueInitialised(int N) noexcept {
  __defer([] { show("valueInitialised's deferred call", __recover()); }());
  mayThrow(N);
  return -1;
}

// 3. A deferred call that recovers and sets __result.
static std::string setsResult(int N) noexcept {
  __defer([&] {
    if (std::exception_ptr P = __recover())
      __result = "recovered " + describe(P);
  }());
  mayThrow(N);
  return "normal";
}

int main() {
  std::set_terminate([] {
    trace("std::terminate called");
    std::_Exit(1);
  });
  voidFunction(1);
  traceInt("valueInitialised", valueInitialised(2));
  std::printf("setsResult(3) %s\n", setsResult(3).c_str());
  std::printf("setsResult(0) %s\n", setsResult(0).c_str());
  return 0;
}

// EXEC:      voidFunction's deferred call: 1
// EXEC-NEXT: valueInitialised's deferred call: 2
// EXEC-NEXT: valueInitialised 0
// EXEC-NEXT: setsResult(3) recovered 3
// EXEC-NEXT: setsResult(0) normal
// EXEC-EMPTY:
