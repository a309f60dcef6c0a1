// Issue 4 item 1, the first __result seed (Go spec, "Defer statements":
// `func c() (i int) { defer func() { i++ }(); return 1 }` returns 2): in a
// function with a defer statement, `__result` names the value the function
// will return (SPEC 2.6). `return e;` assigns it before the deferred calls
// run, deferred calls read and modify it, and the caller gets its final
// value.
//
// C++ differs from Go: Go's result must be named in the signature; here
// every non-void function with a defer statement has one, spelled
// `__result`, and a deferred closure must capture it by reference (`[&]`)
// to change it.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/panic.h"

// 1. The seed: `return 0;` then a deferred `__result++`.
static int incrementAfterReturn() {
  __defer([&] { __result++; }());
  return 0;
}

// 2. Go's spec example: returns 2.
static int goSpecC() {
  __defer([&] { __result++; }());
  return 1;
}

// 3. Deferred calls see the returned value and each other's changes, LIFO.
static int chain(int N) {
  __defer([&] { traceInt("first registered sees", __result); }());
  __defer([&] { __result *= 10; }());
  __defer([&] { traceInt("last registered sees", __result); }());
  if (N > 0)
    return N;
  return -N + 100;
}

// 4. A class type: the deferred call appends to the returned string.
static std::string text() {
  __defer([&] { __result += "!"; }());
  return "text";
}

// 5. Assigned in the body, then returned by `return __result;`.
static int assignedInBody() {
  __defer([&] { __result += 1; }());
  __result = 40;
  __result += 1;
  return __result;
}

int main() {
  traceInt("incrementAfterReturn", incrementAfterReturn());
  traceInt("goSpecC", goSpecC());
  traceInt("chain(3)", chain(3));
  traceInt("chain(-3)", chain(-3));
  std::printf("text %s\n", text().c_str());
  traceInt("assignedInBody", assignedInBody());
  return 0;
}

// EXEC:      incrementAfterReturn 1
// EXEC-NEXT: goSpecC 2
// chain(3): return 3; the last registered call sees 3, the middle one makes
// it 30, the first registered sees 30.
// EXEC-NEXT: last registered sees 3
// EXEC-NEXT: first registered sees 30
// EXEC-NEXT: chain(3) 30
// EXEC-NEXT: last registered sees 103
// EXEC-NEXT: first registered sees 1030
// EXEC-NEXT: chain(-3) 1030
// EXEC-NEXT: text text!
// 40, +1 in the body, `return __result;` keeps 41, the deferred call adds 1.
// EXEC-NEXT: assignedInBody 42
// EXEC-EMPTY:
