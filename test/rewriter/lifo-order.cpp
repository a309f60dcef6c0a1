// Deferred calls run in the reverse order of their defer statements
// (SPEC 2.2), after the body, when the function returns. Each top-level
// defer statement gets its slot in place, and the handlers close in
// reverse order before the body's closing brace.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

int main() {
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("first"); }}}; try {
  __defer(trace("first"));
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("second"); }}}; try {
  __defer(trace("second"));
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("third"); }}}; try {
  __defer(trace("third"));
  trace("body");
  return 0;
  // CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }
}

// EXEC:      body
// EXEC-NEXT: third
// EXEC-NEXT: second
// EXEC-NEXT: first
// EXEC-EMPTY:
