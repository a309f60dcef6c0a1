// Mirrors test/recover.go test5 (try and try1): "closures can set output
// arguments". try(g, deflt) defers a closure that, when recover() returns
// something, stores it in the named result x; then defers g(); then
// returns deflt (try1: assigns x = deflt and does a bare return). When g
// panics 5 the result is 5, otherwise the default "hi". In C++ the named
// result is `__result` (a std::string holding the printed panic value, as
// C++ has no interface{}), g is a function pointer deferred as a call
// through a value, and Go's bare `return` is `return __result;`.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/panic.h"

static std::string tryCall(void (*G)(), const char *Deflt) {
  __defer([&] {
    if (std::exception_ptr V = __recover())
      __result = describe(V);
  }());
  __defer(G());
  return Deflt;
}

static std::string tryCall1(void (*G)(), const char *Deflt) {
  __defer([&] {
    if (std::exception_ptr V = __recover())
      __result = describe(V);
  }());
  __defer(G());
  __result = Deflt;
  return __result;
}

static void panics5() { throw 5; }
static void returns() {}

int main() {
  std::printf("try(panic 5, 55) %s\n", tryCall(panics5, "55").c_str());
  std::printf("try(no panic, hi) %s\n", tryCall(returns, "hi").c_str());
  std::printf("try1(panic 5, 55) %s\n", tryCall1(panics5, "55").c_str());
  std::printf("try1(no panic, hi) %s\n", tryCall1(returns, "hi").c_str());
  return 0;
}

// When g panics, it panics during the normal return (after `return deflt`
// set the result to "55"); the closure recovers and overwrites it with 5.
// EXEC:      try(panic 5, 55) 5
// EXEC-NEXT: try(no panic, hi) hi
// EXEC-NEXT: try1(panic 5, 55) 5
// EXEC-NEXT: try1(no panic, hi) hi
// EXEC-EMPTY:
