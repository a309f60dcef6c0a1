// A destructor body is a function body (SPEC 2.7): its deferred calls run
// at its closing brace, before the member and base destructors.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Base {
  ~Base() { trace("base destructor"); }
};

struct Widget : Base {
  Tracked Member{"member"};
  ~Widget() {
    // A destructor is noexcept, but the deferred call may still throw (and
    // terminate): the handler rethrows through the runtime, which GCC does
    // not warn about (gcc-wterminate-noexcept.cpp).
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("deferred in destructor"); }, ::cxxdefer::detail::ref_arg{Member}}}; try {
    __defer(Member.use("deferred in destructor"));
    trace("destructor body");
  }
  // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D1]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }
};

int main() {
  {
    Widget W;
    trace("scope end");
  }
  return 0;
}

// EXEC:      ctor member
// EXEC-NEXT: scope end
// EXEC-NEXT: destructor body
// EXEC-NEXT: use member in deferred in destructor
// EXEC-NEXT: dtor member
// EXEC-NEXT: base destructor
// EXEC-EMPTY:
