// A member function of a local class is a function body of its own
// (SPEC 2.8): its deferred calls run when it returns.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

int main() {
  struct Local {
    int Id;
    void run() const {
      // CHECK: {{^}}      ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_7{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("local deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{Id}}}; try {
      __defer(traceInt("local deferred", Id));
      traceInt("local body", Id);
    }
    // CHECK: {{^}}    } catch (...) { cxxdefer_d[[#D1]]_7.unwind(); ::cxxdefer::detail::rethrow(); } }
  };
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("main deferred"); }}}; try {
  __defer(trace("main deferred"));
  Local{1}.run();
  Local{2}.run();
  trace("main body");
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

// EXEC:      local body 1
// EXEC-NEXT: local deferred 1
// EXEC-NEXT: local body 2
// EXEC-NEXT: local deferred 2
// EXEC-NEXT: main body
// EXEC-NEXT: main deferred
// EXEC-EMPTY:
