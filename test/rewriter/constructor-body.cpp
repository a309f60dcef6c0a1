// A constructor body is a function body (SPEC 2.7, 2.8): its deferred
// calls run at its closing brace, with the members alive. If the body
// throws, they run during the propagation, before the members are
// destroyed.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

struct Widget {
  Tracked Member;
  explicit Widget(bool Throw) : Member("member") {
    // CHECK: {{^}}  explicit Widget(bool Throw) : Member("member") { (void)::cxxdefer::detail::abi_check<7>{};
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("deferred in constructor"); }, ::cxxdefer::detail::ref_arg{Member}}}; try {
    __defer(Member.use("deferred in constructor"));
    trace("constructor body");
    if (Throw)
      throw std::runtime_error("constructor failed");
  }
  // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D1]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }
};

int main() {
  {
    Widget W(false);
    trace("constructed");
  }
  try {
    Widget W(true);
  } catch (const std::runtime_error &E) {
    trace(E.what());
  }
  return 0;
}

// EXEC:      ctor member
// EXEC-NEXT: constructor body
// EXEC-NEXT: use member in deferred in constructor
// EXEC-NEXT: constructed
// EXEC-NEXT: dtor member
// EXEC-NEXT: ctor member
// EXEC-NEXT: constructor body
// EXEC-NEXT: use member in deferred in constructor
// EXEC-NEXT: dtor member
// EXEC-NEXT: constructor failed
// EXEC-EMPTY:
