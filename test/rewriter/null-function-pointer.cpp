// A deferred call through a null function pointer fails when it is invoked
// at exit, not at the defer statement (SPEC 2.3, Go's test/defernil.go):
// the code after the defer statement runs, the function's other deferred
// calls still run, and the caller catches cxxdefer::null_call. An empty
// std::function fails as it would when called.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/trace.h"

static int X = 0;

static void throughNull() {
  void (*Fp)() = nullptr;
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("earlier deferred call runs"); }}}; try {
  __defer(trace("earlier deferred call runs"));
  // The pointer is copied here and checked by call_value at exit.
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{Fp}}}; try {
  __defer(Fp());
  X = 1;
  trace("after the defer statement");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D2]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

static void throughEmptyFunction() {
  std::function<void(int)> F;
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::ref_arg{F}, ::cxxdefer::detail::value_arg{1}}}; try {
  __defer(F(1));
  trace("after the second defer statement");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D3]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }

int main() {
  try {
    throughNull();
    trace("not reached");
  } catch (const cxxdefer::null_call &E) {
    std::printf("caught null_call, x = %d\n", X);
  }
  try {
    throughEmptyFunction();
    trace("not reached");
  } catch (const std::bad_function_call &) {
    trace("caught bad_function_call");
  }
  return 0;
}

// EXEC:      after the defer statement
// EXEC-NEXT: earlier deferred call runs
// EXEC-NEXT: caught null_call, x = 1
// EXEC-NEXT: after the second defer statement
// EXEC-NEXT: caught bad_function_call
// EXEC-EMPTY:
