//===- cxxdefer/open_coded.h - Go's open-coded defers in C++ -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Go open-codes the defers of a function with at most 8 defer statements,
/// none in a loop: the function value and arguments go to stack slots, a
/// `deferBits` byte records which defer statements have run, and every exit
/// calls the recorded ones in reverse order, clearing each bit before the
/// call. No runtime record, no defer chain.
///
/// C++ has the machinery to place those calls at every exit already:
/// destructors of locals. The rewriter declares one slot per defer
/// statement as a local of the function's outermost block, so the compiler
/// emits the deferred call, inlined, at every exit (return, falling off the
/// end, a break out of the body) after the result is initialised and in
/// the right order with the other locals' destructors.
///
///   - open_slot: the defer statement is itself a top-level statement of the
///     body. The slot is declared right there, armed, with the exact type of
///     the bound call: no type erasure, no bit.
///   - cond_slot: the defer statement is nested (an `if`, a `switch` case, a
///     block, or a forward goto jumps over it). The slot is declared
///     unarmed before the top-level statement that holds it; the defer
///     statement constructs the bound call inside it and sets its bit in the
///     function's deferBits byte. Its type cannot be named where it is
///     declared, so the call is stored type-erased (cxxdefer/stored_call.h).
///
/// Exceptions never run a deferred call from a destructor: each slot's try
/// region ends in a handler that calls unwind() with the exception current
/// (so the call runs while the locals declared before the slot are alive,
/// can see and recover the exception - cxxdefer/panic.h - and can throw a
/// new one that replaces it); the handler disarms the slot first, so its
/// destructor does nothing when the unwinding reaches it. When the call
/// recovers, the handler returns from the function instead of rethrowing. A slot's destructor is noexcept(false): a deferred
/// call that throws during a normal return starts a propagation, and the
/// function's remaining deferred calls run from their handlers (SPEC 3.3).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_OPEN_CODED_H
#define CXXDEFER_OPEN_CODED_H

#include "cxxdefer/panic.h"
#include "cxxdefer/stored_call.h"
#include <cstddef>
#include <utility>

namespace cxxdefer {
namespace detail {

/// The slot of a defer statement that is a top-level statement of its
/// function body. Declared by the rewriter as
/// `auto&& cxxdefer_dL_C = open_coded(bind_...(...)); try {`.
template <class Call> class open_slot {
public:
  explicit open_slot(Call &&call) : call_(std::move(call)) {}
  // Only for C++14's copy-initialisation from open_coded()'s result.
  open_slot(open_slot &&other)
      : call_(std::move(other.call_)), armed_(other.armed_) {
    other.armed_ = false;
  }
  open_slot &operator=(open_slot &&) = delete;

  /// Runs the deferred call on a normal exit.
  ~open_slot() noexcept(false) {
    if (armed_) {
      armed_ = false; // before the call, as Go clears the bit
      call_on_normal_exit(call_);
    }
  }

  /// Runs the deferred call now, once; called by the slot's handler with
  /// the exception current. \returns true if the call recovered it.
  bool unwind(bool can_recover) {
    if (!armed_)
      return false;
    armed_ = false;
    return call_for_panic(call_, can_recover);
  }

private:
  Call call_;
  bool armed_ = true;
};

template <class Call> open_slot<Call> open_coded(Call call) {
  return open_slot<Call>(std::move(call));
}

/// The slot of a nested defer statement, armed by it through bit \p Bit of
/// the function's deferBits byte.
template <unsigned Bit, std::size_t Capacity = 8 * sizeof(void *)>
class cond_slot {
  static_assert(Bit < 8, "deferBits is one byte");
  static constexpr unsigned char Mask = static_cast<unsigned char>(1u << Bit);

public:
  explicit cond_slot(unsigned char &bits) noexcept : bits_(bits) {}
  cond_slot(const cond_slot &) = delete;
  cond_slot &operator=(const cond_slot &) = delete;

  /// Called at the defer statement, after every operand was evaluated:
  /// stores the bound call, then sets the bit.
  template <class Call> void arm(Call call) {
    using store = call_store<Call, Capacity>;
    store::place(storage_, std::move(call));
    run_ = &store::run;
    bits_ |= Mask;
  }

  ~cond_slot() noexcept(false) {
    if (bits_ & Mask) {
      bits_ &= static_cast<unsigned char>(~Mask);
      auto run = [this] { run_(storage_); };
      call_on_normal_exit(run);
    }
  }

  bool unwind(bool can_recover) {
    if (!(bits_ & Mask))
      return false;
    bits_ &= static_cast<unsigned char>(~Mask);
    auto run = [this] { run_(storage_); };
    return call_for_panic(run, can_recover);
  }

private:
  unsigned char &bits_;
  void (*run_)(void *) = nullptr;
  alignas(std::max_align_t) unsigned char storage_[Capacity];
};

} // namespace detail
} // namespace cxxdefer

#endif // CXXDEFER_OPEN_CODED_H
