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
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("earlier deferred call runs"); }}}; try {
  __defer(trace("earlier deferred call runs"));
  // No operands. (Second's implicit constructor has no body in this file,
  // which the rewriter's walk counts as a call it cannot follow, so the
  // slot is a recovering one rather than an open one.)
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)replace({{.*}}); }}}; try {
  __defer(replace());
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("later deferred call runs"); }}}; try {
  __defer(trace("later deferred call runs"));
  trace("body throws First");
  throw First();
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D2]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

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
