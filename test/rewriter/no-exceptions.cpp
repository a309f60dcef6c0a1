// Code bases built with -fno-exceptions (and -fno-rtti) defer too, in every
// tier: no try region, no handler - deferred calls run from destructors on
// every return - __recover() is always null, and an __errdefer never runs
// (no exception can leave the function).
//
// RUN: %check_cxxdefer %s %t -- -fno-exceptions -fno-rtti

#include <cxxdefer.h>

#include "Inputs/trace.h"

// CHECK-NOT: {{t}}ry {
// CHECK-NOT: {{c}}atch
static int function(int N) {
  __errdefer(trace("WRONG: errdefer"));
  __defer(trace("first"));
  if (N) {
    __defer(trace("conditional"));
  }
  for (int I = 0; I < 2; ++I)
    __defer(traceInt("loop", I));
  __defer([] {
    if (__recover())
      trace("WRONG");
  }());
  return N;
}

struct Widget {
  int Value = 0;
  ~Widget() { __defer(trace("destructor deferred")); }
  int get() {
    __defer(trace("member deferred"));
    return Value;
  }
};

int main() {
  traceInt("function", function(1));
  {
    Widget W;
    traceInt("get", W.get());
  }
  return 0;
}

// EXEC:      loop 1
// EXEC-NEXT: loop 0
// EXEC-NEXT: conditional
// EXEC-NEXT: first
// EXEC-NEXT: function 1
// EXEC-NEXT: member deferred
// EXEC-NEXT: get 0
// EXEC-NEXT: destructor deferred
// EXEC-EMPTY:
