// A callable object is the callee: an lvalue is the object its operator()
// is called on (the implicit object parameter is a reference, bound at the
// defer statement), a prvalue is made at the defer statement and kept
// (SPEC 2.3). The arguments are evaluated at the defer statement either way.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/trace.h"

struct Adder {
  int Base;
  void operator()(int N) const { traceInt("adder", Base + N); }
};

static void run() {
  Adder A{1};
  int N = 10;
  // The object is the callee value, bound by reference.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::ref_arg{A}, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(A(N));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{Adder{1000}}, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(Adder{1000}(N));
  std::function<void(int)> F = [](int M) { traceInt("function", M); };
  // What a std::function calls is not known: it may reach __recover().
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::ref_arg{F}, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(F(N));
  A.Base = 100;
  N = 20;
  trace("body");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D3]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// EXEC:      body
// EXEC-NEXT: function 10
// EXEC-NEXT: adder 1010
// EXEC-NEXT: adder 110
// EXEC-EMPTY:
