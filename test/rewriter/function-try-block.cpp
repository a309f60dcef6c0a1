// A function whose body is a function-try-block: the deferred calls belong
// to the body and run when it is left, so on an exception they run before
// the function-try-block's handler (SPEC 2.8, 3.1).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

static void run(bool Throw) try {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("deferred"); }}}; try {
  __defer(trace("deferred"));
  trace("body");
  if (Throw)
    throw std::runtime_error("thrown");
// The slot's handler closes the body, inside the function-try-block.
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (const std::exception &E) {
} catch (const std::exception &E) {
  std::printf("handler %s\n", E.what());
}

int main() {
  run(false);
  run(true);
  return 0;
}

// EXEC:      body
// EXEC-NEXT: deferred
// EXEC-NEXT: body
// EXEC-NEXT: deferred
// EXEC-NEXT: handler thrown
// EXEC-EMPTY:
