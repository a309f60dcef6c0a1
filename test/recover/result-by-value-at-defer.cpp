// Issue 4 item 1, the third __result seed: `__result` is an ordinary
// lvalue (SPEC 2.6), so a deferred call that receives it by value gets its
// value at the defer statement (SPEC 2.3: value-initialised, or what the
// body assigned so far) and does not see later changes, while a reference
// parameter bound to it sees the final value at exit, as Go's `defer f(r)`
// and `defer f(&r)` do with a named result r. (result-lvalue-uses.cpp has
// `&__result`.)
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/panic.h"

static void byValue(const char *Label, int R) { traceInt(Label, R); }
static void byReference(const char *Label, const int &R) { traceInt(Label, R); }
static void stringByValue(std::string S) { std::printf("string by value '%s'\n", S.c_str()); }

static int run() {
  __defer(byValue("by value at entry", __result));
  __defer(byReference("by reference", __result));
  __result = 7;
  __defer(byValue("by value after assignment", __result));
  __defer([&] { __result += 100; }());
  return 8;
}

static std::string text() {
  __defer(stringByValue(__result));
  __result = "assigned";
  return "returned";
}

int main() {
  traceInt("run", run());
  std::printf("text %s\n", text().c_str());
  return 0;
}

// return 8 assigns 8; the closure makes it 108; then LIFO: the by-value
// copy taken after `__result = 7`, the reference (108), the by-value copy
// taken at entry (value-initialised: 0).
// EXEC:      by value after assignment 7
// EXEC-NEXT: by reference 108
// EXEC-NEXT: by value at entry 0
// EXEC-NEXT: run 108
// EXEC-NEXT: string by value ''
// EXEC-NEXT: text returned
// EXEC-EMPTY:
