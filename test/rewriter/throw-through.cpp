// An exception that propagates out of a function runs its deferred calls
// during the propagation, in LIFO order, each while the locals declared
// before its defer statement are still alive and after those declared
// later were destroyed (SPEC 3.1); the caller then catches the same
// exception object, with its type (SPEC 3.5).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Error {
  explicit Error(int Id) : Id(Id) { Address = this; }
  Error(const Error &Other) : Id(Other.Id) { trace("exception copied"); }
  int Id;
  static const Error *Address;
};
const Error *Error::Address = nullptr;

static void inner() {
  Tracked Local("local");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("deferred 1"); }, ::cxxdefer::detail::ref_arg{Local}}}; try {
  __defer(Local.use("deferred 1"));
  Tracked Later("later");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("deferred 2"); }, ::cxxdefer::detail::ref_arg{Later}}}; try {
  __defer(Later.use("deferred 2"));
  Tracked Last("last");
  throw Error(42);
  // Each handler runs its call with the exception current and rethrows it.
  // CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}
}

static void middle() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("deferred in middle"); }}}; try {
  __defer(trace("deferred in middle"));
  inner();
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  try {
    middle();
  } catch (const Error &E) {
    traceInt("caught Error", E.Id);
    trace(&E == Error::Address ? "same exception object" : "another exception object");
  }
  return 0;
}

// EXEC:      ctor local
// EXEC-NEXT: ctor later
// EXEC-NEXT: ctor last
// EXEC-NEXT: dtor last
// EXEC-NEXT: use later in deferred 2
// EXEC-NEXT: dtor later
// EXEC-NEXT: use local in deferred 1
// EXEC-NEXT: dtor local
// EXEC-NEXT: deferred in middle
// EXEC-NEXT: caught Error 42
// EXEC-NEXT: same exception object
// EXEC-EMPTY:
