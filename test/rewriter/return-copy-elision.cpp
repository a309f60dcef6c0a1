// Guaranteed copy elision and NRVO are kept in a function with deferred
// calls (SPEC 2.4): a Tracked returned by name or as a prvalue is neither
// copied nor moved, and the deferred call runs after the result exists.
// Guaranteed elision of the prvalue is C++17's, so the test runs from
// C++17 on.
//
// Neither deferred call can recover, so the function gets no extra return
// statement: GCC, which applies NRVO only when every return statement
// returns the same variable, elides the named result too. (A function that
// can recover and returns a class type has one more return statement;
// docs/limitations.md.) Both deferred calls may throw after the result is
// built, so the result is tracked (returned<T>, cxxdefer/panic.h), for
// Clang, which does not destroy a result abandoned by a throw: `return T;`
// records the local first, and `return Tracked(...);` becomes
// CXXDEFER_RETURN_TRACKED, which is that very statement with GCC and, with
// Clang, builds the object in a local that NRVO puts in the return slot.
//
// RUN: %check_cxxdefer --std=c++17,c++20 %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

// CHECK: {{^}}static Tracked byName() { (void)::cxxdefer::detail::abi_check<7>{}; ::cxxdefer::detail::returned<::Tracked> cxxdefer_returned;{{$}}
static Tracked byName() {
  Tracked T("named");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("deferred"); }, ::cxxdefer::detail::ref_arg{T}}}; try {
  __defer(T.use("deferred"));
  trace("returning named");
  // CHECK: {{^}}  { cxxdefer_returned.track(&T); return T; }{{$}}
  return T;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// CHECK: {{^}}static Tracked prvalue() { ::cxxdefer::detail::returned<::Tracked> cxxdefer_returned;{{$}}
static Tracked prvalue() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("deferred after prvalue"); }}}; try {
  __defer(trace("deferred after prvalue"));
  // CHECK: {{^}}  CXXDEFER_RETURN_TRACKED(cxxdefer_returned, Tracked("prvalue")){{$}}
  return Tracked("prvalue");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  {
    Tracked A = byName();
    Tracked B = prvalue();
    std::printf("copies %d moves %d\n", Tracked::copies(), Tracked::moves());
  }
  return 0;
}

// EXEC:      ctor named
// EXEC-NEXT: returning named
// EXEC-NEXT: use named in deferred
// EXEC-NEXT: ctor prvalue
// EXEC-NEXT: deferred after prvalue
// EXEC-NEXT: copies 0 moves 0
// EXEC-NEXT: dtor prvalue
// EXEC-NEXT: dtor named
// EXEC-EMPTY:
