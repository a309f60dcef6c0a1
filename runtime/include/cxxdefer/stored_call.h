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
/// cannot be moved never is); run() runs it and destroys it, also when it
/// throws; discard() destroys it without running it (an __errdefer on a
/// normal exit).
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
  CXXDEFER_GLUE static void place(void *buffer, Call &&call) {
    ::new (buffer) Call(static_cast<Call &&>(call));
  }
  template <class Make>
  CXXDEFER_GLUE static void place_made(void *buffer, Make &make) {
    ::new (buffer) Call(make());
  }
  static void run(void *buffer) {
    Call *call = static_cast<Call *>(buffer);
    struct destroy_after {
      Call *call;
      ~destroy_after() { call->~Call(); }
    } guard{call};
    (*call)();
  }
  static void discard(void *buffer) { static_cast<Call *>(buffer)->~Call(); }
};

template <class Call, decltype(sizeof(0)) Capacity>
struct call_store<Call, Capacity, false> {
  static void place(void *buffer, Call &&call) {
    *static_cast<Call **>(buffer) = new Call(static_cast<Call &&>(call));
  }
  template <class Make> static void place_made(void *buffer, Make &make) {
    *static_cast<Call **>(buffer) = new Call(make());
  }
  static void run(void *buffer) {
    Call *call = *static_cast<Call **>(buffer);
    struct delete_after {
      Call *call;
      ~delete_after() { delete call; }
    } guard{call};
    (*call)();
  }
  static void discard(void *buffer) { delete *static_cast<Call **>(buffer); }
};

/// The type a factory `[&] { return call{...}; }` makes.
template <class Make> using made_by = decltype(declval<Make &>()());

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_STORED_CALL_H
