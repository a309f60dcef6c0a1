// The body of a deferred closure is a lambda body with deferred calls of
// its own: they run when the closure returns, inside the outer function's
// exit sequence, before the outer function's earlier deferred calls.
//
// XFAIL: *
// Under C++17 the rewriter rejects the inner defer statement: "'__defer' in
// this constexpr function needs C++20: before C++20 the function stops
// being constexpr, and one of its declarations is in another file or comes
// from a macro". A C++17 lambda is implicitly constexpr when it can be, so
// the closure counts as a constexpr function, and it is written inside the
// outer `__defer(...)`. But an implicitly constexpr lambda has no keyword
// to remove: the rule should not apply. C++14 and C++20 rewrite the file
// (the lines below are the C++20 text, which C++17 should match) and the
// programs print the EXEC lines. Go's recover1.go tests rely on exactly
// this nesting (a deferred closure that defers).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)trace({{.*}}); }, ::cxxdefer::detail::val("outer first")}}; try {
  __defer(trace("outer first"));
  // The closure is kept by value, with its own slot and handler inside.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::val([&] {{[{]$}}
  __defer([&] {
    // CHECK: {{^}}    ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)trace({{.*}}); }, ::cxxdefer::detail::val("closure deferred")}}; try {
    __defer(trace("closure deferred"));
    trace("closure body");
    // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D3]]_5.unwind(); ::cxxdefer::detail::rethrow(); } })}}; try {
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
