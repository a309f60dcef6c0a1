// A defer statement inside a deferred closure belongs to the closure: its
// call runs when the closure returns, inside the outer function's exit.
// Go code does this all the time (`defer func() { defer mu.Unlock() }()`).
// Nested to any depth, with loops, recover and __result inside: a closure
// that returns nothing has no result of its own, so __result in it (or in
// a closure it defers) is the enclosing function's, as a Go func literal
// without results refers to its function's named result.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void twoLevels() {
  __defer(trace("outer first"));
  // CHECK: cxxdefer_d[[@LINE+1]]_3{{.*}}::cxxdefer::detail::value_arg{[&] {
  __defer([&] {
    // CHECK: cxxdefer_d[[@LINE+1]]_5{{.*}}trace({{.*}}; try {
    __defer(trace("closure deferred"));
    trace("closure body");
  }());
  trace("body");
}

static void threeLevelsWithLoops() {
  __defer([&] {
    for (int I = 0; I < 2; ++I)
      __defer([I] {
        __defer(traceInt("innermost", I));
        traceInt("middle", I);
      }());
    trace("level 1 body");
  }());
  trace("level 0 body");
}

static int recoversInside() {
  __defer([&] {
    __defer([&] {
      if (__recover())
        __result = -1;
    }());
    throw 7;
  }());
  return 5;
}

int main() {
  twoLevels();
  threeLevelsWithLoops();
  traceInt("recovered result", recoversInside());
  return 0;
}

// EXEC:      body
// EXEC-NEXT: closure body
// EXEC-NEXT: closure deferred
// EXEC-NEXT: outer first
// EXEC-NEXT: level 0 body
// EXEC-NEXT: level 1 body
// EXEC-NEXT: middle 1
// EXEC-NEXT: innermost 1
// EXEC-NEXT: middle 0
// EXEC-NEXT: innermost 0
// EXEC-NEXT: recovered result -1
// EXEC-EMPTY:
