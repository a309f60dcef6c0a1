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
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}fail({{.*}}; try {
  __defer(fail());
  return Tracked("prvalue");
}

static Tracked named() {
  __defer(fail());
  Tracked T("named");
  return T;
}

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
