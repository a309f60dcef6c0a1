// A deferred call that throws during a normal return starts a propagation
// from that point (SPEC 3.3): the function's remaining deferred calls run,
// the locals are destroyed in order, and the caller catches the exception.
// No std::terminate, although the call runs from a slot's destructor.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

static void fail(const char *What) {
  trace("deferred call throws");
  throw std::runtime_error(What);
}

static int run() {
  Tracked First("first");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("earlier deferred call runs"); }}}; try {
  __defer(trace("earlier deferred call runs"));
  Tracked Second("second");
  // The call throws: an open slot, whose destructor may throw and whose
  // handler runs it if the body throws first.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)fail("from deferred"); }}}; try {
  __defer(fail("from deferred"));
  Tracked Third("third");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("later deferred call runs"); }}}; try {
  __defer(trace("later deferred call runs"));
  trace("body");
  // CHECK: {{^}}  return 1;
  return 1;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  try {
    int R = run();
    traceInt("not reached", R);
  } catch (const std::runtime_error &E) {
    std::printf("caught %s\n", E.what());
  }
  return 0;
}

// EXEC:      ctor first
// EXEC-NEXT: ctor second
// EXEC-NEXT: ctor third
// EXEC-NEXT: body
// EXEC-NEXT: later deferred call runs
// EXEC-NEXT: dtor third
// EXEC-NEXT: deferred call throws
// EXEC-NEXT: dtor second
// EXEC-NEXT: earlier deferred call runs
// EXEC-NEXT: dtor first
// EXEC-NEXT: caught from deferred
// EXEC-EMPTY:
