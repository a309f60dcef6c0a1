// A deferred call that throws after `return e;` initialised the result:
// the propagation must destroy the result object, as it destroys every
// other object (SPEC 3.3), whether it was a prvalue or a named local.
//
// XFAIL: *
// With Clang (the rewritten text compiled by %clangxx, and the plugin) the
// result object is never destroyed: the deferred call runs from a slot's
// noexcept(false) destructor after the result is constructed, and Clang
// does not clean up a constructed return value when a local's destructor
// throws (CWG 2176; the same happens without cxxdefer:
// `struct T { ~T() noexcept(false) { throw 1; } }; X f() { T t; return X(); }`
// leaks the X). GCC destroys it. Open-coded slots would need to run
// throwing deferred calls somewhere other than a destructor for Clang.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

static void fail() {
  trace("deferred call throws");
  throw std::runtime_error("from deferred");
}

static Tracked prvalue() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)fail({{.*}}); }}}; try {
  __defer(fail());
  // CHECK: {{^}}  return Tracked("prvalue");
  return Tracked("prvalue");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

static Tracked named() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)fail({{.*}}); }}}; try {
  __defer(fail());
  Tracked T("named");
  // CHECK: {{^}}  return T;
  return T;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  try {
    Tracked R = prvalue();
    trace("not reached");
  } catch (const std::runtime_error &) {
    trace("caught");
  }
  try {
    Tracked R = named();
    trace("not reached");
  } catch (const std::runtime_error &) {
    trace("caught");
  }
  return 0;
}

// EXEC:      ctor prvalue
// EXEC-NEXT: deferred call throws
// EXEC-NEXT: dtor prvalue
// EXEC-NEXT: caught
// EXEC-NEXT: ctor named
// EXEC:      deferred call throws
// EXEC:      dtor named
// EXEC-NEXT: caught
// EXEC-EMPTY:
