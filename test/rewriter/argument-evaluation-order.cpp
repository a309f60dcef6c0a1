// The callee, the object expression and every argument of a deferred call
// are evaluated at the defer statement, once, left to right, as Go does
// (SPEC 2.3); only the call waits for the function's return. Under C++17
// the rewriter binds them in a braced list, which fixes the order even
// where a plain call would not (GCC evaluates arguments right to left).
// C++14 leaves the order unspecified (argument-evaluation-once-cxx14.cpp
// checks what holds there), so this test runs from C++17 on.
//
// RUN: %check_cxxdefer --std=c++17,c++20 %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void sum3(int A, int B, int C) { traceInt("sum3", A + B + C); }

using Sum3 = void (*)(int, int, int);

static Sum3 callee(const char *What) {
  trace(What);
  return &sum3;
}

struct Printer {
  void show(int A, int B) { std::printf("show %d %d\n", A, B); }
};

static Printer &printer(const char *What) {
  static Printer P;
  trace(What);
  return P;
}

// main() may recover (a call through a pointer): a named result.
// CHECK: {{^}}int main() { (void)::cxxdefer::detail::abi_check<7>{}; int cxxdefer_result{}; {
int main() {
  // The callee value first, then the arguments, in one braced list.
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{callee("i1")}, ::cxxdefer::detail::value_arg{traced("i2", 1)}, ::cxxdefer::detail::value_arg{traced("i3", 2)}, ::cxxdefer::detail::value_arg{traced("i4", 3)}}}; try {
  __defer(callee("i1")(traced("i2", 1), traced("i3", 2), traced("i4", 3)));
  // The object, then the arguments.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).show({{.*}}); }, ::cxxdefer::detail::ref_arg{printer("i5")}, ::cxxdefer::detail::value_arg{traced("i6", 4)}, ::cxxdefer::detail::value_arg{traced("i7", 5)}}}; try {
  __defer(printer("i5").show(traced("i6", 4), traced("i7", 5)));
  trace("body");
  return 0;
}
// CHECK: {{^}}  { cxxdefer_result = 0; }
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } return cxxdefer_result; }

// EXEC:      i1
// EXEC-NEXT: i2
// EXEC-NEXT: i3
// EXEC-NEXT: i4
// EXEC-NEXT: i5
// EXEC-NEXT: i6
// EXEC-NEXT: i7
// EXEC-NEXT: body
// EXEC-NEXT: show 4 5
// EXEC-NEXT: sum3 6
// EXEC-EMPTY:
