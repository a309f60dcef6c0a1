// Issue 4 item 1, the second __result seed (Go: `func f() (r int) { t := 5;
// defer func() { t = t + 5 }(); return t }` returns 5): `return t;` copies
// t into `__result` before the deferred calls run (SPEC 2.4, 2.6), so a
// deferred closure that changes the local t afterwards does not change the
// result, in a function that uses `__result` too. A class-type local is
// the case where this matters in C++: without the copy into `__result`,
// NRVO would make t and the returned object the same.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/panic.h"

// 1. The seed, with a deferred call that reads __result.
static int seed() {
  int T = 5;
  __defer([&] { traceInt("__result at exit", __result); }());
  __defer([&] { T = T + 5; }());
  return T;
}

// 2. A string local: the deferred closure changes the local, another
//    changes __result; only the second change reaches the caller.
static std::string named() {
  std::string T = "t";
  __defer([&] { __result += "+result"; }());
  __defer([&] { T += "+local"; }());
  return T;
}

int main() {
  traceInt("seed", seed());
  std::printf("named %s\n", named().c_str());
  return 0;
}

// EXEC:      __result at exit 5
// EXEC-NEXT: seed 5
// EXEC-NEXT: named t+result
// EXEC-EMPTY:
