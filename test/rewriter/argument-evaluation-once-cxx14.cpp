// C++14 has no braced binders with deduction, so the rewriter binds through
// function calls and the order among the operands is the compiler's, as in
// a plain C++14 call. What still holds: every operand is evaluated exactly
// once, at the defer statement, before the body goes on (SPEC 2.3).
//
// RUN: %check_cxxdefer --std=c++14 %s %t

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

// CHECK: {{^}}int main() { (void)::cxxdefer::detail::abi_check<7>{}; int cxxdefer_result{}; {
int main() {
  // A call through a pointer may reach __recover(): a recovering slot.
  // CHECK: auto&& cxxdefer_d[[#D1:@LINE+1]]_3 = ::cxxdefer::detail::open_coded<::cxxdefer::detail::recovering_slot>(::cxxdefer::detail::bind(::cxxdefer::detail::call_value{}, ::cxxdefer::detail::val(callee("i1")), ::cxxdefer::detail::val(traced("i2", 1)), ::cxxdefer::detail::val(traced("i3", 2)), ::cxxdefer::detail::val(traced("i4", 3)))); try {
  __defer(callee("i1")(traced("i2", 1), traced("i3", 2), traced("i4", 3)));
  // CHECK: auto&& cxxdefer_d[[#D2:@LINE+1]]_3 = ::cxxdefer::detail::open_coded<::cxxdefer::detail::open_slot>(::cxxdefer::detail::bind([](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).show(static_cast<decltype(cxxdefer_a)&&>(cxxdefer_a)...); }, ::cxxdefer::detail::ref(printer("i5")), ::cxxdefer::detail::val(traced("i6", 4)), ::cxxdefer::detail::val(traced("i7", 5)))); try {
  __defer(printer("i5").show(traced("i6", 4), traced("i7", 5)));
  trace("body");
  return 0;
}
// main() may recover, so it returns a named result; the handlers run in
// reverse order and the recovering one leaves through cxxdefer_return.
// CHECK: {{^}}  { cxxdefer_result = 0; }
// CHECK-NEXT: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } return cxxdefer_result; }

// EXEC-DAG:  i1
// EXEC-DAG:  i2
// EXEC-DAG:  i3
// EXEC-DAG:  i4
// EXEC-NOT:  {{^i[1-4]$}}
// EXEC-DAG:  i5
// EXEC-DAG:  i6
// EXEC-DAG:  i7
// EXEC-NOT:  {{^i[0-9]$}}
// EXEC:      body
// EXEC-NEXT: show 4 5
// EXEC-NEXT: sum3 6
// EXEC-EMPTY:
