//===- cxxdefer/stored_call.h - A bound call kept in a fixed buffer -------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Every storage whose type is fixed before the defer statement runs - a
/// hoisted open-coded slot, a stack record, a pooled heap record - keeps the
/// bound call (cxxdefer/bind.h) type-erased in a byte buffer of a fixed
/// capacity: in place when it fits, in a heap block owned by the buffer when
/// it does not (Go's records hold only a closure pointer; a C++ bound call
/// holds its arguments by value, so it has any size and alignment).
///
/// call_store<Call, Capacity>::run is the one function that knows the
/// call's type: it runs the call and destroys it, also when the call
/// throws, so a storage never holds a call that already ran.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_STORED_CALL_H
#define CXXDEFER_STORED_CALL_H

#include <cstddef>
#include <memory>
#include <new>
#include <utility>

namespace cxxdefer {
namespace detail {

/// How a call of type \p Call is kept in a buffer of \p Capacity bytes
/// (aligned for max_align_t): in place when it fits, boxed otherwise.
/// place() moves it in; run() runs it and destroys it, also when it throws.
template <class Call, std::size_t Capacity,
          bool InPlace = sizeof(Call) <= Capacity &&
                         alignof(Call) <= alignof(std::max_align_t)>
struct call_store {
  static void place(void *buffer, Call &&call) {
    ::new (buffer) Call(std::move(call));
  }
  static void run(void *buffer) {
    Call *call = static_cast<Call *>(buffer);
    struct destroy_after {
      Call *call;
      ~destroy_after() { call->~Call(); }
    } guard{call};
    (*call)();
  }
};

template <class Call, std::size_t Capacity>
struct call_store<Call, Capacity, false> {
  static void place(void *buffer, Call &&call) {
    *static_cast<Call **>(buffer) = new Call(std::move(call));
  }
  static void run(void *buffer) {
    std::unique_ptr<Call> call(*static_cast<Call **>(buffer));
    (*call)();
  }
};

} // namespace detail
} // namespace cxxdefer

#endif // CXXDEFER_STORED_CALL_H
