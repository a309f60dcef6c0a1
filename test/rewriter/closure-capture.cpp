// An immediately invoked lambda is deferred like any callable: the closure
// object is made at the defer statement, so a by-copy capture holds the
// value then, and a by-reference capture sees the value at exit (SPEC 1,
// 2.3). Its arguments are evaluated at the defer statement.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run() {
  int N = 1;
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[&] { traceInt("by reference", N); }}}}; try {
  __defer([&] { traceInt("by reference", N); }());
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[N] { traceInt("by copy", N); }}}}; try {
  __defer([N] { traceInt("by copy", N); }());
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[&](int M) { traceInt("argument", M); }}, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer([&](int M) { traceInt("argument", M); }(N));
  N = 2;
  traceInt("body", N);
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// EXEC:      body 2
// EXEC-NEXT: argument 1
// EXEC-NEXT: by copy 1
// EXEC-NEXT: by reference 2
// EXEC-EMPTY:
