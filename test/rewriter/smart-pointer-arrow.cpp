// `up->f()` on a smart pointer runs operator-> at the defer statement and
// calls through the pointer it returned (SPEC 2.3): the object called is
// the one the pointer owned then. A prvalue smart pointer:
// prvalue-smart-pointer.cpp.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <memory>

#include "Inputs/trace.h"

static void run() {
  std::unique_ptr<Tracked> Up(new Tracked("unique"));
  std::unique_ptr<Tracked> Keep;
  // arrow(Up) runs operator-> now and keeps the raw pointer.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)->use("deferred unique"); }, ::cxxdefer::detail::arrow(Up)}}; try {
  __defer(Up->use("deferred unique"));
  // The first object stays alive in Keep (declared before the defer
  // statement, so destroyed after the deferred call); Up owns another one.
  Keep = std::move(Up);
  Up.reset(new Tracked("replacement"));
  trace("body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  run();
  trace("returned");
  return 0;
}

// EXEC:      ctor unique
// EXEC-NEXT: ctor replacement
// EXEC-NEXT: body
// EXEC-NEXT: use unique in deferred unique
// EXEC-NEXT: dtor unique
// EXEC-NEXT: dtor replacement
// EXEC-NEXT: returned
// EXEC-EMPTY:
