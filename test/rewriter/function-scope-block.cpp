// A deferred call belongs to the function, not to the block that holds the
// defer statement (SPEC 2.1): it runs at the function's return, after the
// block ended and its locals were destroyed. The slot moves out of the
// block to the function's outermost block and is armed through deferBits.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

// CHECK: {{^}}int main() { (void)::cxxdefer::detail::abi_check<7>{}; unsigned char cxxdefer_bits_[[#FN:@LINE+1]]_12 = 0;
int main() {
  trace("enter");
  // The slot is declared before the block, the defer statement arms it.
  // CHECK: {{^}}  auto cxxdefer_c[[#D1:@LINE+4]]_5 = []() { (void)trace("deferred in block"); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+4]]_5)>> cxxdefer_s[[#@LINE+4]]_5; ::cxxdefer::detail::hoisted_open_slot<0, decltype(cxxdefer_s[[#@LINE+4]]_5)> cxxdefer_d[[#@LINE+4]]_5{cxxdefer_bits_[[#FN]]_12, cxxdefer_s[[#@LINE+4]]_5}; try { {
  {
    Tracked Inner("inner");
    // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D1]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D1]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D1]]_5}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
    __defer(trace("deferred in block"));
    trace("block end");
  }
  trace("after block");
  return 0;
  // CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }
}

// EXEC:      enter
// EXEC-NEXT: ctor inner
// EXEC-NEXT: block end
// EXEC-NEXT: dtor inner
// EXEC-NEXT: after block
// EXEC-NEXT: deferred in block
// EXEC-EMPTY:
