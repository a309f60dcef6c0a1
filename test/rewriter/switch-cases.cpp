// Defer statements in `switch` cases register only when their case runs;
// jumping to a later case skips the defer statements of the earlier ones,
// and a case that never matches never runs its deferred call (Go's
// TestDisappearingDefer). The slots sit before the switch, unarmed; each
// case's defer statement arms its own.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

// CHECK: {{^}}static void run(int N) { (void)::cxxdefer::detail::abi_check<7>{}; unsigned char cxxdefer_bits_[[#FN:@LINE+1]]_24 = 0;
static void run(int N) {
  // CHECK: {{^}}  auto cxxdefer_c[[#D1:@LINE+4]]_5 = [](auto&& cxxdefer_a0) { (void)traceInt("case 1 deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+4]]_5), ::cxxdefer::detail::value_arg<int>>> cxxdefer_s[[#@LINE+4]]_5; ::cxxdefer::detail::hoisted_open_slot<0, decltype(cxxdefer_s[[#@LINE+4]]_5)> cxxdefer_d[[#@LINE+4]]_5{cxxdefer_bits_[[#FN]]_24, cxxdefer_s[[#@LINE+4]]_5}; try { auto cxxdefer_c[[#D2:@LINE+8]]_5 = [](auto&& cxxdefer_a0) { (void)traceInt("case 2 deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::value_arg<int>>> cxxdefer_s[[#@LINE+8]]_5; ::cxxdefer::detail::hoisted_open_slot<1, decltype(cxxdefer_s[[#@LINE+8]]_5)> cxxdefer_d[[#@LINE+8]]_5{cxxdefer_bits_[[#FN]]_24, cxxdefer_s[[#@LINE+8]]_5}; try { auto cxxdefer_c[[#D3:@LINE+15]]_5 = []() { (void)trace("never runs"); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+15]]_5)>> cxxdefer_s[[#@LINE+15]]_5; ::cxxdefer::detail::hoisted_open_slot<2, decltype(cxxdefer_s[[#@LINE+15]]_5)> cxxdefer_d[[#@LINE+15]]_5{cxxdefer_bits_[[#FN]]_24, cxxdefer_s[[#@LINE+15]]_5}; try { switch (N) {
  switch (N) {
  case 1:
    // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D1]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D1]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D1]]_5, ::cxxdefer::detail::value_arg{N}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
    __defer(traceInt("case 1 deferred", N));
    break;
  case 2:
    // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D2]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D2]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D2]]_5, ::cxxdefer::detail::value_arg{N}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 2;
    __defer(traceInt("case 2 deferred", N));
    [[fallthrough]];
  case 3:
    traceInt("case 3 body", N);
    break;
  case 100:
    // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D3]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D3]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D3]]_5}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 4;
    __defer(trace("never runs"));
    break;
  default:
    break;
  }
  traceInt("after switch", N);
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  run(1);
  run(2);
  run(3);
  run(4);
  return 0;
}

// EXEC:      after switch 1
// EXEC-NEXT: case 1 deferred 1
// EXEC-NEXT: case 3 body 2
// EXEC-NEXT: after switch 2
// EXEC-NEXT: case 2 deferred 2
// EXEC-NEXT: case 3 body 3
// EXEC-NEXT: after switch 3
// EXEC-NEXT: after switch 4
// EXEC-NOT:  never runs
