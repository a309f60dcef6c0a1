// Guaranteed copy elision and NRVO are kept in a function with deferred
// calls (SPEC 2.4): a Tracked returned by name or as a prvalue is neither
// copied nor moved, and the deferred call runs after the result exists.
// Guaranteed elision of the prvalue is C++17's, so the test runs from
// C++17 on.
//
// Neither deferred call can recover, so the return statements stay as
// written and the function gets no extra one: GCC, which applies NRVO
// only when every return statement returns the same variable, elides the
// named result too. (A function that can recover and returns a class type
// has one more return statement; docs/limitations.md.)
//
// RUN: %check_cxxdefer --std=c++17,c++20 %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static Tracked byName() {
  Tracked T("named");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use({{.*}}); }, ::cxxdefer::detail::ref(T), ::cxxdefer::detail::val("deferred")}}; try {
  __defer(T.use("deferred"));
  trace("returning named");
  // CHECK: {{^}}  return T;
  return T;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

static Tracked prvalue() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)trace({{.*}}); }, ::cxxdefer::detail::val("deferred after prvalue")}}; try {
  __defer(trace("deferred after prvalue"));
  // CHECK: {{^}}  return Tracked("prvalue");
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
