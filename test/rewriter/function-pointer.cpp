// A call through a function pointer copies the pointer at the defer
// statement (SPEC 2.3): assigning another function to the pointer later
// does not change the function called at exit.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void one(int N) { traceInt("one", N); }
static void two(int N) { traceInt("two", N); }

static void run() {
  void (*Fp)(int) = &one;
  // What a pointer calls is not known: it may reach __recover().
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{Fp}, ::cxxdefer::detail::value_arg{1}}}; try {
  __defer(Fp(1));
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{(*Fp)}, ::cxxdefer::detail::value_arg{2}}}; try {
  __defer((*Fp)(2));
  Fp = &two;
  Fp(3);
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D2]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// EXEC:      two 3
// EXEC-NEXT: one 2
// EXEC-NEXT: one 1
// EXEC-EMPTY:
