// Falling off the end of a void function, and of main, runs the deferred
// calls at the closing brace (SPEC 2.7).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run(int N) {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred in run", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(traceInt("deferred in run", N));
  traceInt("run body", N);
  // CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}
}

int main() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("deferred in main"); }}}; try {
  __defer(trace("deferred in main"));
  run(1);
  run(2);
  trace("main body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// EXEC:      run body 1
// EXEC-NEXT: deferred in run 1
// EXEC-NEXT: run body 2
// EXEC-NEXT: deferred in run 2
// EXEC-NEXT: main body
// EXEC-NEXT: deferred in main
// EXEC-EMPTY:
