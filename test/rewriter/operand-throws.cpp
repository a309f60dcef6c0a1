// An operand that throws at the defer statement ends the statement before
// anything is deferred (SPEC 2.3: the operands are evaluated there): the
// call is never made, the earlier deferred calls run during the
// propagation, and an operand already made is destroyed.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

static int failing() {
  trace("operand throws");
  throw std::runtime_error("operand");
}

static void take(const Tracked &T, int N) { std::printf("take %s %d\n", T.Name, N); }

static void run(bool Nested) {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("earlier deferred call runs"); }}}; try {
  __defer(trace("earlier deferred call runs"));
  // CHECK: {{^}}  auto cxxdefer_c[[#D2:@LINE+4]]_5 = [](auto&&... cxxdefer_a) { (void)take({{.*}}); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+4]]_5), ::cxxdefer::detail::value_arg<::Tracked>, ::cxxdefer::detail::value_arg<int>>> cxxdefer_s[[#@LINE+4]]_5; ::cxxdefer::detail::hoisted_open_slot<0, decltype(cxxdefer_s[[#@LINE+4]]_5)> cxxdefer_d[[#@LINE+4]]_5{cxxdefer_bits_{{[0-9]+}}_30, cxxdefer_s[[#@LINE+4]]_5}; try { if (Nested) {
  if (Nested) {
    // The slot is armed only after both operands were made.
    // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D2]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D2]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D2]]_5, ::cxxdefer::detail::value_arg{Tracked("nested")}, ::cxxdefer::detail::value_arg{failing()}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
    __defer(take(Tracked("nested"), failing()));
  }
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)take({{.*}}); }, ::cxxdefer::detail::value_arg{Tracked("top")}, ::cxxdefer::detail::value_arg{failing()}}}; try {
  __defer(take(Tracked("top"), failing()));
  trace("not reached");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  for (bool Nested : {true, false}) {
    try {
      run(Nested);
    } catch (const std::runtime_error &E) {
      std::printf("caught %s\n", E.what());
    }
  }
  return 0;
}

// The temporary made first may be moved into its binder (`move`, then a
// `dtor` for the moved-from shell); both are destroyed before the earlier
// deferred call runs.
// EXEC:      ctor nested
// EXEC:      operand throws
// EXEC-NEXT: dtor nested
// EXEC-NOT:  take
// EXEC:      earlier deferred call runs
// EXEC-NEXT: caught operand
// EXEC-NEXT: ctor top
// EXEC:      operand throws
// EXEC-NEXT: dtor top
// EXEC-NOT:  take
// EXEC:      earlier deferred call runs
// EXEC-NEXT: caught operand
// EXEC-EMPTY:
