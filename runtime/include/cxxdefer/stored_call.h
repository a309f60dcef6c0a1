//===- cxxdefer/stored_call.h - A bound call kept in a fixed buffer -------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Every storage whose type is fixed before the defer statement runs - a
/// hoisted open-coded slot, a stack record, a pooled heap record - keeps the
/// bound call (cxxdefer/call.h) type-erased in a byte buffer of a fixed
/// capacity: in place when it fits, in a heap block owned by the buffer when
/// it does not (Go's records hold only a closure pointer; a C++ bound call
/// holds its arguments by value, so it has any size and alignment).
///
/// call_store<Call, Capacity> is the one place that knows the call's type:
/// place() puts it in the buffer, either moved from a bound call or made
/// in place by a factory (under C++17 a prvalue, so a kept operand that
/// cannot be moved never is); finish() runs it (or not: an __errdefer on a
/// normal exit) and destroys it, also when it throws. run() and discard()
/// are finish() as functions whose address a slot keeps.
///
/// At -O0 every layer between the record and the user's callee is a call
/// and a few spills, so finish() is glue, inlined into the one function
/// whose address a record keeps (cxxdefer/frame.h, cxxdefer/pool.h), and a
/// call that is trivially destructible (a caller and scalars or
/// references, the usual case) is run without a guard.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_STORED_CALL_H
#define CXXDEFER_STORED_CALL_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include <new>

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

/// Bytes of a slot or record that hold a bound call in place: a callee, an
/// object and a handful of scalar or reference arguments.
constexpr decltype(sizeof(0)) call_capacity = 8 * sizeof(void *);

template <class Call, decltype(sizeof(0)) Capacity,
          bool InPlace = sizeof(Call) <= Capacity && alignof(Call) <= max_align>
struct call_store {
  using call_type = Call;
  /// Whether the call may be copied out of the buffer and the buffer
  /// reused before it runs: copying and destroying it do nothing more than
  /// copy bytes (a caller and scalars or references, the usual case).
  static constexpr bool copied_out =
      __is_trivially_constructible(Call, const Call &) &&
      CXXDEFER_TRIVIALLY_DESTRUCTIBLE_(Call);
  /// Whether a caller may build the call in the buffer with `new` and run
  /// it there, destroying it by doing nothing: at -O0 going through place()
  /// and finish() costs a layer each.
  static constexpr bool direct = CXXDEFER_TRIVIALLY_DESTRUCTIBLE_(Call);

  CXXDEFER_GLUE static void place(void *buffer, Call &&call) {
    ::new (buffer) Call(static_cast<Call &&>(call));
  }
  template <class Make>
  CXXDEFER_GLUE static void place_made(void *buffer, Make &make) {
    ::new (buffer) Call(make());
  }
  CXXDEFER_GLUE static void finish(void *buffer, bool run) {
    Call *call = static_cast<Call *>(buffer);
    if (CXXDEFER_TRIVIALLY_DESTRUCTIBLE_(Call)) {
      if (run)
        (*call)();
      return;
    }
    struct destroy_after {
      Call *call;
      CXXDEFER_GLUE ~destroy_after() { call->~Call(); }
    } guard{call};
    if (run)
      (*call)();
  }
  static void run(void *buffer) { finish(buffer, true); }
  static void discard(void *buffer) { finish(buffer, false); }
};

template <class Call, decltype(sizeof(0)) Capacity>
struct call_store<Call, Capacity, false> {
  using call_type = Call;
  static constexpr bool copied_out = false;
  static constexpr bool direct = false;

  static void place(void *buffer, Call &&call) {
    *static_cast<Call **>(buffer) = new Call(static_cast<Call &&>(call));
  }
  template <class Make> static void place_made(void *buffer, Make &make) {
    *static_cast<Call **>(buffer) = new Call(make());
  }
  static void finish(void *buffer, bool run) {
    Call *call = *static_cast<Call **>(buffer);
    struct delete_after {
      Call *call;
      ~delete_after() { delete call; }
    } guard{call};
    if (run)
      (*call)();
  }
  static void run(void *buffer) { finish(buffer, true); }
  static void discard(void *buffer) { finish(buffer, false); }
};

/// The type a factory `[&] { return call{...}; }` makes.
template <class Make> using made_by = decltype(declval<Make &>()());

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_STORED_CALL_H
