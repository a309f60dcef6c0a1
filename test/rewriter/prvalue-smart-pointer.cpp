// A prvalue smart pointer as the object of a deferred member call,
// `std::make_shared<X>()->f()`: the pointer is made at the defer statement
// and kept, with the object it owns, until the deferred call has run
// (SPEC 2.3: a temporary lives until the deferred call has run). Keeping
// only what operator-> returns would let the temporary die at the end of
// the defer statement, so the smart pointer itself is kept by value and
// the caller applies `->` at exit.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <memory>

#include "Inputs/trace.h"

static void run() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)->use("deferred shared"); }, ::cxxdefer::detail::value_arg{std::make_shared<Tracked>("shared")}}}; try {
  __defer(std::make_shared<Tracked>("shared")->use("deferred shared"));
  trace("body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  trace("returned");
  return 0;
}

// EXEC:      ctor shared
// EXEC-NEXT: body
// EXEC-NEXT: use shared in deferred shared
// EXEC-NEXT: dtor shared
// EXEC-NEXT: returned
// EXEC-EMPTY:
