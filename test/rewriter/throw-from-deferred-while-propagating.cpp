// A deferred call that throws while an exception propagates replaces it
// (SPEC 3.4, Go's aborted panic, TestAbortedPanic): the remaining deferred
// calls run, std::terminate is not called, and the caller sees only the
// new exception.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct First {};
struct Second {};

static void replace() {
  trace("deferred call throws Second");
  throw Second();
}

static void run() {
  Tracked Local("local");
  __defer(trace("earlier deferred call runs"));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}replace({{.*}}; try {
  __defer(replace());
  __defer(trace("later deferred call runs"));
  trace("body throws First");
  throw First();
}

int main() {
  try {
    run();
  } catch (const First &) {
    trace("caught First");
  } catch (const Second &) {
    trace("caught Second");
  }
  return 0;
}

// EXEC:      ctor local
// EXEC-NEXT: body throws First
// EXEC-NEXT: later deferred call runs
// EXEC-NEXT: deferred call throws Second
// EXEC-NEXT: earlier deferred call runs
// EXEC-NEXT: dtor local
// EXEC-NEXT: caught Second
// EXEC-EMPTY:
