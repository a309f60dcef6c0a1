// A `noexcept` function's deferred calls run at its return like any
// other's (SPEC 2.8).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static int run(int N) noexcept {
  // The deferred call may throw (and then terminate, as any exception
  // leaving a noexcept function): an open slot whose handler rethrows
  // through the runtime, which GCC does not warn about.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(traceInt("deferred", N));
  traceInt("body", N);
  return N + 1;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  traceInt("result", run(1));
  return 0;
}

// EXEC:      body 1
// EXEC-NEXT: deferred 1
// EXEC-NEXT: result 2
// EXEC-EMPTY:
