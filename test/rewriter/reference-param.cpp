// A reference parameter of a deferred call is bound at the defer statement
// to the object its argument designates (SPEC 2.3): the deferred call sees
// that object's value at exit, and re-pointing the expression that
// designated it does not re-bind it.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void show(const char *What, const int &N) { traceInt(What, N); }
static void bump(int &N) { N += 100; }
static void showTracked(const Tracked &T) { T.use("showTracked"); }

static void run() {
  int A = 1;
  int B = 2;
  int *P = &A;
  Tracked T("t");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)show("a", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::ref_arg{A}}}; try {
  __defer(show("a", A));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)show("*p", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::ref_arg{*P}}}; try {
  __defer(show("*p", *P));
  // bump() can neither throw nor recover: a guard, with no try region.
  // CHECK: {{^}}  ::cxxdefer::detail::guard cxxdefer_d[[@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)bump({{.*}}); }, ::cxxdefer::detail::ref_arg{A}}};{{$}}
  __defer(bump(A));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D4:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)showTracked({{.*}}); }, ::cxxdefer::detail::ref_arg{T}}}; try {
  __defer(showTracked(T));
  P = &B;
  A = 5;
  T.Name = "renamed";
  trace("body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D4]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  run();
  return 0;
}

// EXEC:      ctor t
// EXEC-NEXT: body
// EXEC-NEXT: use renamed in showTracked
// EXEC-NEXT: *p 105
// EXEC-NEXT: a 105
// EXEC-NEXT: dtor renamed
// EXEC-EMPTY:
