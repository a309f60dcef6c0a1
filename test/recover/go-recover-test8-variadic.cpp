// Mirrors test/recover.go test8: a deferred variadic call gets a pointer to
// the named result and 1, 2, 3 (or 4, 5, 6), sums them into the result and
// adds 100 when recover() returns something. test8a panics and returns
// 106; test8b returns normally with 15. The named function varargs calls
// `__recover()` itself and is deferred directly (no closure). Go's
// `...int` is a parameter pack here; Go's pointer `&r` is a reference
// parameter bound to `__result` at the defer statement (SPEC 2.3).
// (result-lvalue-uses.cpp has `&__result`.)
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

template <class... A> static void varargs(int &S, A... Args) {
  S = 0;
  int Values[] = {0, Args...};
  for (int V : Values)
    S += V;
  if (__recover())
    S += 100;
}

static int test8a() {
  __defer(varargs(__result, 1, 2, 3));
  throw 0;
}

static int test8b() {
  __defer(varargs(__result, 4, 5, 6));
  return __result;
}

int main() {
  traceInt("test8a", test8a());
  traceInt("test8b", test8b());
  return 0;
}

// Go's panic(0) is a non-nil panic value; `throw 0` is a real exception,
// so __recover() returns non-null.
// EXEC:      test8a 106
// EXEC-NEXT: test8b 15
// EXEC-EMPTY:
