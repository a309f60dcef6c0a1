// Each lambda body has its own deferred calls (SPEC 2.8): a defer
// statement inside a lambda runs when that call of the lambda returns,
// not when the enclosing function does.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

int main() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("main deferred"); }}}; try {
  __defer(trace("main deferred"));
  auto L = [](int N) {
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("lambda deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
    __defer(traceInt("lambda deferred", N));
    traceInt("lambda body", N);
    return N * 2;
    // The lambda's handler closes the lambda's body, not main's.
    // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D2]]_5.unwind(); ::cxxdefer::detail::rethrow(); } };
  };
  traceInt("result", L(1));
  traceInt("result", L(2));
  trace("main body");
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

// EXEC:      lambda body 1
// EXEC-NEXT: lambda deferred 1
// EXEC-NEXT: result 2
// EXEC-NEXT: lambda body 2
// EXEC-NEXT: lambda deferred 2
// EXEC-NEXT: result 4
// EXEC-NEXT: main body
// EXEC-NEXT: main deferred
// EXEC-EMPTY:
