// A defer statement placed before a label that a later goto jumps back to
// is not in the goto loop (Go's defererrcheck.go f4): it stays open-coded
// and its deferred call runs once, at the return.
//
// RUN: %check_cxxdefer %s %t
// RUN: %if !forced-tier %{ %cxxdefer --remarks %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=REMARK %}

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run() {
  int I = 0;
  // REMARK: goto-backward-before-defer.cpp:[[@LINE+2]]:3: remark: open-coded defer
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("deferred once, i =", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{I}}}; try {
  __defer(traceInt("deferred once, i =", I));
again:
  traceInt("iteration", I);
  if (++I < 3)
    goto again;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// EXEC:      iteration 0
// EXEC-NEXT: iteration 1
// EXEC-NEXT: iteration 2
// EXEC-NEXT: deferred once, i = 0
// EXEC-EMPTY:
