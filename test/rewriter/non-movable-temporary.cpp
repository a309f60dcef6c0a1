// A temporary of a type that can be neither copied nor moved, bound to a
// reference parameter, is made at the defer statement and lives until the
// deferred call has run (SPEC 2.3). The rewriter keeps it with
// `value_arg<NonMovable>{NonMovable(7)}`, built in place inside the bound
// call and the slot: guaranteed copy elision, so from C++17 on. Under C++14
// the rewriter says so at the operand instead of writing code that would
// not compile.
//
// RUN: %check_cxxdefer --std=c++17,c++20 %s %t
// RUN: not %cxxdefer %s -- -std=c++14 2>&1 | %FileCheck %s --check-prefix=CXX14
// RUN: not %plugin_cxx -std=c++14 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=CXX14

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct NonMovable {
  explicit NonMovable(int V) : V(V) { traceInt("ctor", V); }
  NonMovable(const NonMovable &) = delete;
  NonMovable(NonMovable &&) = delete;
  ~NonMovable() { traceInt("dtor", V); }
  int V;
};

static void show(const NonMovable &N) { traceInt("show", N.V); }

int main() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+2]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)show({{.*}}); }, ::cxxdefer::detail::value_arg<::NonMovable>{NonMovable(7)}}}; try {
  // CXX14: non-movable-temporary.cpp:[[@LINE+1]]:16: error: cannot defer this call under C++14: '::NonMovable' can be neither copied nor moved, and keeping it in place needs C++17
  __defer(show(NonMovable(7)));
  trace("body");
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// EXEC:      ctor 7
// EXEC-NEXT: body
// EXEC-NEXT: show 7
// EXEC-NEXT: dtor 7
// EXEC-EMPTY:
