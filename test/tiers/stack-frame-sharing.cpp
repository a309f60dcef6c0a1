// Stack-allocated defers (SPEC 4) and the order with destructors (SPEC 2.5):
// consecutive top-level defer statements share one defer_frame, but a local
// declared between two of them starts a new frame, so the later deferred
// call still runs before that local dies and the earlier one after.
//
// UNSUPPORTED: forced-tier-heap
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void nine() {
  Tracked First("first");
  // The first frame and its two records are declared before the first
  // defer statement; each statement pushes its record on the frame.
  // CHECK: {{^}}  ::cxxdefer::detail::stack_record cxxdefer_d[[#R1:@LINE+1]]_3; ::cxxdefer::detail::stack_record cxxdefer_d[[#R2:@LINE+3]]_3; ::cxxdefer::detail::defer_frame cxxdefer_frame[[#@LINE+1]]_3; try { cxxdefer_d[[#@LINE+1]]_3.push(cxxdefer_frame[[#@LINE+1]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("1"); }, ::cxxdefer::detail::ref_arg{First}});
  __defer(First.use("1"));
  // CHECK: {{^}}  cxxdefer_d[[#R2]]_3.push(cxxdefer_frame[[#R1]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{2}});
  __defer(traceInt("deferred", 2));
  Tracked Second("second");
  // Second starts a new frame, with the records of every later defer
  // statement, the nested one included.
  // CHECK: {{^}}  ::cxxdefer::detail::stack_record cxxdefer_d[[#R3:@LINE+1]]_3; ::cxxdefer::detail::stack_record cxxdefer_d[[#R4:@LINE+4]]_5; ::cxxdefer::detail::stack_record cxxdefer_d[[#R5:@LINE+12]]_3; ::cxxdefer::detail::stack_record cxxdefer_d[[#@LINE+13]]_3; ::cxxdefer::detail::stack_record cxxdefer_d[[#@LINE+14]]_3; ::cxxdefer::detail::stack_record cxxdefer_d[[#@LINE+15]]_3; ::cxxdefer::detail::stack_record cxxdefer_d[[#@LINE+16]]_3; ::cxxdefer::detail::defer_frame cxxdefer_frame[[#@LINE+1]]_3; try { cxxdefer_d[[#@LINE+1]]_3.push(cxxdefer_frame[[#@LINE+1]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("3"); }, ::cxxdefer::detail::ref_arg{Second}});
  __defer(Second.use("3"));
  if (true) {
    // CHECK: {{^}}    cxxdefer_d[[#R4]]_5.push(cxxdefer_frame[[#R3]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{4}});
    __defer(traceInt("deferred", 4));
  }
  // The last five are consecutive lines.
  // CHECK: {{^}}  cxxdefer_d[[#R5]]_3.push(cxxdefer_frame[[#R3]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{5}});
  // CHECK-NEXT: {{^}}  cxxdefer_d[[#R5+1]]_3.push(cxxdefer_frame[[#R3]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{6}});
  // CHECK-NEXT: {{^}}  cxxdefer_d[[#R5+2]]_3.push(cxxdefer_frame[[#R3]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{7}});
  // CHECK-NEXT: {{^}}  cxxdefer_d[[#R5+3]]_3.push(cxxdefer_frame[[#R3]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{8}});
  // CHECK-NEXT: {{^}}  cxxdefer_d[[#R5+4]]_3.push(cxxdefer_frame[[#R3]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{9}});
  __defer(traceInt("deferred", 5));
  __defer(traceInt("deferred", 6));
  __defer(traceInt("deferred", 7));
  __defer(traceInt("deferred", 8));
  __defer(traceInt("deferred", 9));
  trace("body done");
}
// The later frame's handler runs first.
// CHECK: {{^}}} catch (...) { cxxdefer_frame[[#R3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_frame[[#R1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  nine();
  return 0;
}

// EXEC:      ctor first
// EXEC-NEXT: ctor second
// EXEC-NEXT: body done
// EXEC-NEXT: deferred 9
// EXEC-NEXT: deferred 8
// EXEC-NEXT: deferred 7
// EXEC-NEXT: deferred 6
// EXEC-NEXT: deferred 5
// EXEC-NEXT: deferred 4
// EXEC-NEXT: use second in 3
// EXEC-NEXT: dtor second
// EXEC-NEXT: deferred 2
// EXEC-NEXT: use first in 1
// EXEC-NEXT: dtor first
// EXEC-EMPTY:
