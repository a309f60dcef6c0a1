// Functions and lambdas whose return type is deduced (`auto`,
// `decltype(auto)`) keep it with deferred calls (SPEC 2.8): the deduced
// type is the same, a returned reference still refers to the caller's
// object, and the deferred calls run after the result is initialised.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <type_traits>

#include "Inputs/trace.h"

// The declarations and return statements stay as written.
// CHECK: {{^}}static auto twice(int N) { (void)::cxxdefer::detail::abi_check<7>{};
static auto twice(int N) {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred in twice", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(traceInt("deferred in twice", N));
  // CHECK: {{^}}  return N * 2;
  return N * 2;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

// CHECK: {{^}}static decltype(auto) pick(int &R) {{[{]$}}
static decltype(auto) pick(int &R) {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred in pick", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{R}}}; try {
  __defer(traceInt("deferred in pick", R));
  // CHECK: {{^}}  return (R);
  return (R);
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

static_assert(std::is_same<decltype(twice(1)), int>::value, "auto deduces int");
static_assert(std::is_same<decltype(pick(std::declval<int &>())), int &>::value,
              "decltype(auto) deduces int&");

int main() {
  traceInt("twice", twice(3));
  int X = 1;
  pick(X) = 5;
  traceInt("x", X);
  // CHECK: {{^}}  auto L = [](int N) -> auto {{[{]$}}
  auto L = [](int N) -> auto {
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred in lambda", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
    __defer(traceInt("deferred in lambda", N));
    // CHECK: {{^}}    return N + 1;
    return N + 1;
    // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D3]]_5.unwind(); ::cxxdefer::detail::rethrow(); } };
  };
  traceInt("lambda", L(7));
  return 0;
}

// EXEC:      deferred in twice 3
// EXEC-NEXT: twice 6
// EXEC-NEXT: deferred in pick 1
// EXEC-NEXT: x 5
// EXEC-NEXT: deferred in lambda 7
// EXEC-NEXT: lambda 8
// EXEC-EMPTY:
