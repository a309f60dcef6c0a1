// A by-value parameter of a deferred call is initialised at the defer
// statement (SPEC 2.3): a later change to the argument is not seen, and a
// class-type argument is copied then, not at the function's return.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Box {
  int Value;
};

static void showInt(int N) { traceInt("showInt", N); }
static void showBox(Box B) { traceInt("showBox", B.Value); }
static void showTracked(Tracked T) { T.use("showTracked"); }

static void run() {
  int N = 1;
  Box B{10};
  Tracked T("t");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)showInt({{.*}}); }, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(showInt(N));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)showBox({{.*}}); }, ::cxxdefer::detail::value_arg{B}}}; try {
  __defer(showBox(B));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)showTracked({{.*}}); }, ::cxxdefer::detail::value_arg{T}}}; try {
  __defer(showTracked(T));
  trace("after defer statements");
  N = 2;
  B.Value = 20;
  T.Name = "changed";
  traceInt("body", N);
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// The copy is made at the defer statement (the saved value may then be
// moved around, which prints `move t`), and no copy is made at exit.
// EXEC:      ctor t
// EXEC-NEXT: copy t
// EXEC-NOT:  copy
// EXEC:      after defer statements
// EXEC-NEXT: body 2
// EXEC-NOT:  copy
// EXEC:      use t in showTracked
// EXEC:      showBox 10
// EXEC-NEXT: showInt 1
// EXEC-NEXT: dtor changed
// EXEC-EMPTY:
