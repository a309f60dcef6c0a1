// The object expression of a deferred member call is evaluated at the
// defer statement (SPEC 2.3): `obj.f()` binds `obj`, `p->f()` copies the
// pointer, so re-pointing `p` later does not change the object called.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Counter {
  const char *Name;
  int Count = 0;
  void report(const char *How) const { std::printf("%s %s %d\n", How, Name, Count); }
};

static void run() {
  Counter A{"a"};
  Counter B{"b"};
  Counter *P = &A;
  // The caller forwards the kept object and arguments to the member.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).report("dot"); }, ::cxxdefer::detail::ref_arg{A}}}; try {
  __defer(A.report("dot"));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)->report("arrow"); }, ::cxxdefer::detail::value_arg{P}}}; try {
  __defer(P->report("arrow"));
  P = &B;
  A.Count = 1;
  P->report("body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// EXEC:      body b 0
// EXEC-NEXT: arrow a 1
// EXEC-NEXT: dot a 1
// EXEC-EMPTY:
