// The body of a deferred closure is a lambda body with deferred calls of
// its own: they run when the closure returns, inside the outer function's
// exit sequence, before the outer function's earlier deferred calls.
//
// A C++17 lambda is implicitly constexpr; only a written `constexpr`
// makes the rewrite treat a function as constexpr (FindSites.cpp), so the
// closure's own defer statements are rewritten in every mode.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("outer first"); }}}; try {
  __defer(trace("outer first"));
  // The closure is kept by value, with its own slot and handler inside.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[&] {{[{]$}}
  __defer([&] {
    // CHECK: {{^}}    ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_5{::cxxdefer::detail::call{[]() { (void)trace("closure deferred"); }}}; try {
    __defer(trace("closure deferred"));
    trace("closure body");
    // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D3]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }}}}; try {
  }());
  trace("run body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  run();
  return 0;
}

// EXEC:      run body
// EXEC-NEXT: closure body
// EXEC-NEXT: closure deferred
// EXEC-NEXT: outer first
// EXEC-EMPTY:
