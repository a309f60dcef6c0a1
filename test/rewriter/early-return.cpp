// An early return runs the deferred calls whose defer statements have
// executed, and not those after it (SPEC 2.2, 2.9).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

// Neither deferred call can recover: the returns stay as written, and each
// slot's destructor runs its call on the way out.
static int run(int N) {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("first", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(traceInt("first", N));
  if (N == 1) {
    trace("early return");
    // CHECK: {{^}}    return 10;
    return 10;
  }
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("second", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(traceInt("second", N));
  if (N == 2)
    // CHECK: {{^}}    return 20;
    return 20;
  trace("end");
  // CHECK: {{^}}  return 30;
  return 30;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  traceInt("result", run(1));
  traceInt("result", run(2));
  traceInt("result", run(3));
  return 0;
}

// EXEC:      early return
// EXEC-NEXT: first 1
// EXEC-NEXT: result 10
// EXEC-NEXT: second 2
// EXEC-NEXT: first 2
// EXEC-NEXT: result 20
// EXEC-NEXT: end
// EXEC-NEXT: second 3
// EXEC-NEXT: first 3
// EXEC-NEXT: result 30
// EXEC-EMPTY:
