// A forward `goto` past a defer statement skips it: its deferred call does
// not run (SPEC 2.9). Its slot is declared unarmed before the goto.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

// CHECK: {{^}}static void run(bool Skip) { (void)::cxxdefer::detail::abi_check<7>{}; unsigned char cxxdefer_bits_[[#FN:@LINE+1]]_28 = 0;
static void run(bool Skip) {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("first deferred"); }}}; try {
  __defer(trace("first deferred"));
  // CHECK: {{^}}  auto cxxdefer_c[[#D2:@LINE+4]]_3 = []() { (void)trace("second deferred"); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+4]]_3)>> cxxdefer_s[[#@LINE+4]]_3; ::cxxdefer::detail::hoisted_open_slot<0, decltype(cxxdefer_s[[#@LINE+4]]_3)> cxxdefer_d[[#@LINE+4]]_3{cxxdefer_bits_[[#FN]]_28, cxxdefer_s[[#@LINE+4]]_3}; try { if (Skip)
  if (Skip)
    goto done;
  // CHECK: {{^}}  (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D2]]_3)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D2]]_3.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D2]]_3}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
  __defer(trace("second deferred"));
  trace("not skipped");
done:
  trace("at label");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run(true);
  trace("--");
  run(false);
  return 0;
}

// EXEC:      at label
// EXEC-NEXT: first deferred
// EXEC-NEXT: --
// EXEC-NEXT: not skipped
// EXEC-NEXT: at label
// EXEC-NEXT: second deferred
// EXEC-NEXT: first deferred
// EXEC-EMPTY:
