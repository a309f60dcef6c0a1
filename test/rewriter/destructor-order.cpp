// A deferred call runs after the destruction of the objects declared after
// its defer statement and before the destruction of those declared before
// it (SPEC 2.5), both for a top-level defer statement and for one in a
// nested block, whose slot moves just before the block.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run() {
  Tracked Before("before");
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("deferred 1"); }, ::cxxdefer::detail::ref_arg{Before}}}; try {
  __defer(Before.use("deferred 1"));
  Tracked After("after");
  Tracked Outer("outer");
  // CHECK: auto cxxdefer_c[[#D2:@LINE+4]]_5 = [](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).use("deferred 2"); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+4]]_5), ::cxxdefer::detail::ref_arg<::Tracked &>>> cxxdefer_s[[#@LINE+4]]_5; ::cxxdefer::detail::hoisted_open_slot<0, decltype(cxxdefer_s[[#@LINE+4]]_5)> cxxdefer_d[[#@LINE+4]]_5{cxxdefer_bits_{{[0-9]+}}_19, cxxdefer_s[[#@LINE+4]]_5}; try { {
  {
    Tracked Inner("inner");
    // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D2]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D2]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D2]]_5, ::cxxdefer::detail::ref_arg{Outer}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
    __defer(Outer.use("deferred 2"));
  }
  Tracked Late("late");
  trace("body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// EXEC:      ctor before
// EXEC-NEXT: ctor after
// EXEC-NEXT: ctor outer
// EXEC-NEXT: ctor inner
// EXEC-NEXT: dtor inner
// EXEC-NEXT: ctor late
// EXEC-NEXT: body
// EXEC-NEXT: dtor late
// EXEC-NEXT: use outer in deferred 2
// EXEC-NEXT: dtor outer
// EXEC-NEXT: dtor after
// EXEC-NEXT: use before in deferred 1
// EXEC-NEXT: dtor before
// EXEC-EMPTY:
