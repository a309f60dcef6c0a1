// A defer statement in a loop adds one deferred call per execution, and
// all of them run LIFO when the function returns (SPEC 2.2), whatever
// leaves the loop: break, continue, an early return from inside it, an
// exception. The calls run before the locals that were alive at their
// defer statement die, after those declared later (SPEC 2.5).
//
// Go heap-allocates the defers of a loop: each execution pushes a record
// on the function's frame (declared before the loop, with one handler at
// the end of the body).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <stdexcept>
#include <vector>

#include "Inputs/trace.h"

static void forLoop(int N) {
  Tracked Outer("outer");
  // CHECK: {{^}}  ::cxxdefer::detail::defer_frame cxxdefer_frame[[#F1:@LINE+4]]_5; try { for (int I = 0; I < N; ++I) {
  for (int I = 0; I < N; ++I) {
    Tracked Inner("inner");
    // CHECK: {{^}}    ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F1]]_5, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("for", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{I}});
    __defer(traceInt("for", I));
    if (I == 1)
      continue;
    // CHECK: {{^}}    ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F1]]_5, ::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("for"); }, ::cxxdefer::detail::ref_arg{Outer}});
    __defer(Outer.use("for"));
  }
  Tracked Later("later");
  trace("forLoop body done");
}
// CHECK: {{^}}} catch (...) { cxxdefer_frame[[#F1]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

static void rangeWhileDo() {
  std::vector<int> Values{1, 2, 3};
  // CHECK: {{^}}  ::cxxdefer::detail::defer_frame cxxdefer_frame[[#F2:@LINE+3]]_5; try { for (int V : Values)
  for (int V : Values)
    // CHECK: {{^}}    ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F2]]_5, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("range", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{V}});
    __defer(traceInt("range", V));
  int J = 0;
  // The declaration of J ends the first frame's stretch: a second frame.
  // CHECK: {{^}}  ::cxxdefer::detail::defer_frame cxxdefer_frame[[#F3:@LINE+3]]_5; try { while (J < 2)
  while (J < 2)
    // CHECK: {{^}}    ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F3]]_5, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("while", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{J++}});
    __defer(traceInt("while", J++));
  do {
    // CHECK: {{^}}    ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F3]]_5, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("do", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{J}});
    __defer(traceInt("do", J));
  } while (--J > 0);
}
// CHECK: {{^}}} catch (...) { cxxdefer_frame[[#F3]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_frame[[#F2]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

static int earlyReturn() {
  // CHECK: {{^}}  ::cxxdefer::detail::defer_frame cxxdefer_frame[[#F4:@LINE+3]]_5; try { for (int I = 0;; ++I) {
  for (int I = 0;; ++I) {
    // CHECK: {{^}}    ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F4]]_5, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("early", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{I}});
    __defer(traceInt("early", I));
    if (I == 2)
      // CHECK: {{^}}      return I * 10;
      return I * 10;
    if (I > 5)
      break;
  }
  return -1;
}
// CHECK: {{^}}} catch (...) { cxxdefer_frame[[#F4]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

static void throwsInLoop() {
  // CHECK: {{^}}  ::cxxdefer::detail::defer_frame cxxdefer_frame[[#F6:@LINE+3]]_5; try { for (int I = 0; I < 5; ++I) {
  for (int I = 0; I < 5; ++I) {
    // CHECK: {{^}}    ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F6]]_5, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("thrown", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{I}});
    __defer(traceInt("thrown", I));
    if (I == 1)
      throw std::runtime_error("in loop");
  }
}
// CHECK: {{^}}} catch (...) { cxxdefer_frame[[#F6]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// A backward goto repeats the defer statement: heap records too.
static void gotoLoop(int N) {
// CHECK: {{^}}::cxxdefer::detail::defer_frame cxxdefer_frame[[#F5:@LINE+3]]_3; try { again:
again:
  // CHECK: {{^}}  ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F5]]_3, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("goto", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}});
  __defer(traceInt("goto", N));
  if (--N > 0)
    goto again;
}
// CHECK: {{^}}} catch (...) { cxxdefer_frame[[#F5]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

static void nestedLoops() {
  // CHECK: {{^}}  ::cxxdefer::detail::defer_frame cxxdefer_frame[[#F7:@LINE+4]]_7; try { for (int I = 0; I < 2; ++I)
  for (int I = 0; I < 2; ++I)
    for (int J = 0; J < 2; ++J)
      // CHECK: {{^}}      ::cxxdefer::detail::heap_defer(cxxdefer_frame[[#F7]]_7, ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("nested", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{I * 10 + J}});
      __defer(traceInt("nested", I * 10 + J));
}
// CHECK: {{^}}} catch (...) { cxxdefer_frame[[#F7]]_7.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  forLoop(3);
  trace("--");
  rangeWhileDo();
  trace("--");
  traceInt("earlyReturn returned", earlyReturn());
  trace("--");
  try {
    throwsInLoop();
  } catch (const std::exception &E) {
    trace(E.what());
  }
  trace("--");
  gotoLoop(3);
  trace("--");
  nestedLoops();
  return 0;
}

// EXEC:      ctor outer
// EXEC-NEXT: ctor inner
// EXEC-NEXT: dtor inner
// EXEC-NEXT: ctor inner
// EXEC-NEXT: dtor inner
// EXEC-NEXT: ctor inner
// EXEC-NEXT: dtor inner
// EXEC-NEXT: ctor later
// EXEC-NEXT: forLoop body done
// EXEC-NEXT: dtor later
// EXEC-NEXT: use outer in for
// EXEC-NEXT: for 2
// EXEC-NEXT: for 1
// EXEC-NEXT: use outer in for
// EXEC-NEXT: for 0
// EXEC-NEXT: dtor outer
// EXEC-NEXT: --
// EXEC-NEXT: do 1
// EXEC-NEXT: do 2
// EXEC-NEXT: while 1
// EXEC-NEXT: while 0
// EXEC-NEXT: range 3
// EXEC-NEXT: range 2
// EXEC-NEXT: range 1
// EXEC-NEXT: --
// EXEC-NEXT: early 2
// EXEC-NEXT: early 1
// EXEC-NEXT: early 0
// EXEC-NEXT: earlyReturn returned 20
// EXEC-NEXT: --
// EXEC-NEXT: thrown 1
// EXEC-NEXT: thrown 0
// EXEC-NEXT: in loop
// EXEC-NEXT: --
// EXEC-NEXT: goto 1
// EXEC-NEXT: goto 2
// EXEC-NEXT: goto 3
// EXEC-NEXT: --
// EXEC-NEXT: nested 11
// EXEC-NEXT: nested 10
// EXEC-NEXT: nested 1
// EXEC-NEXT: nested 0
// EXEC-EMPTY:
