//===- cxxdefer/slots.h - Go's open-coded defers in C++ ------------------===//
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
/// end) after the result is initialised and in the right order with the
/// other locals' destructors.
///
/// A slot declared at its defer statement (a top-level statement of the
/// body) holds the bound call with its exact type; one declared earlier
/// (the defer statement is nested in an `if`, a `switch`, a block, or a
/// jump crosses it) is a hoisted_slot: declared unarmed before the
/// top-level statement that holds the defer statement, armed by it, with
/// its bit in the function's deferBits byte, and the call in a slot_call
/// declared with it: of the call's exact type where the rewriter can spell
/// it before the defer statement (rewriter/lib/TypedSlot.h), else
/// type-erased (cxxdefer/stored_call.h). Where the type is spelled, a C++17
/// defer statement arms the slot as Go's does, in the function's own code:
/// `::new (s.storage) call{...}, bits |= 4`.
///
/// What runs a slot's call when an exception leaves the function depends
/// on what the rewriter knows about the call (rewriter/lib/Reach.h):
///
///   guard            the call cannot throw and cannot reach __recover():
///                    its destructor runs it, on every exit, unwinding
///                    included. No handler, so an uncaught exception keeps
///                    its throw site in the debugger and in core dumps.
///   open_slot        the call may throw: a try region from the slot to the
///                    end of the body ends in a handler that runs the call
///                    with the exception current (`unwind()`), so a throw
///                    replaces the exception in flight instead of calling
///                    std::terminate (SPEC 3.4), then rethrows.
///   recovering_slot  the call may reach __recover(): the handler runs it
///                    under a panic_scope (cxxdefer/panic.h) and, when it
///                    recovers, leaves the function instead of rethrowing;
///                    a normal exit hides outer panics from it.
///   err_slot         an __errdefer: only the handler runs it; a normal exit
///                    (or the one that follows a recovery) discards it.
///
/// A slot's destructor is noexcept(false): a deferred call that throws
/// during a normal return starts a propagation, and the function's
/// remaining deferred calls run from their handlers (SPEC 3.3). Each
/// handler disarms its slot before calling, so when unwinding later
/// reaches the slot's destructor it does nothing.
///
/// Under C++17 the rewriter declares a slot with class template argument
/// deduction from the braced bound call, `::cxxdefer::detail::guard
/// cxxdefer_d12_3{::cxxdefer::detail::call{...}};`, which builds everything
/// in place. C++14 has no guaranteed elision: there
/// `auto&& cxxdefer_d12_3 = ::cxxdefer::detail::open_coded<guard>(bind(...))`
/// and slots have moving constructors that disarm their source.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_SLOTS_H
#define CXXDEFER_SLOTS_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include "cxxdefer/panic.h"
#include "cxxdefer/stored_call.h"

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

#if __cplusplus >= 201703L
#define CXXDEFER_SLOT_CONSTRUCTORS_(Name)
#else
// C++14: made by open_coded() and bound to a reference, so moved at most
// into that temporary; the source is disarmed.
#define CXXDEFER_SLOT_CONSTRUCTORS_(Name)                                      \
  CXXDEFER_GLUE constexpr explicit Name(Call &&c)                              \
      : call(static_cast<Call &&>(c)) {}                                       \
  CXXDEFER_GLUE constexpr Name(Name &&other)                                   \
      : call(static_cast<Call &&>(other.call)), armed(other.armed) {           \
    other.armed = false;                                                       \
  }                                                                            \
  Name &operator=(Name &&) = delete;
#endif

/// What a slot hands to an out-of-line path (cxxdefer/panic.h), which
/// takes it by value, in registers. A call that is copied by copying its
/// bytes (a caller and scalars or references, the usual case) is copied:
/// the slot's address then never escapes, and the compiler keeps the
/// call's operands in registers instead of storing them at the defer
/// statement. Any other call is reached through a pointer.
template <class Call>
CXXDEFER_GLUE auto out_of_line(Call &call, bool_constant<true>) {
  return [call]() mutable { call(); };
}
template <class Call>
CXXDEFER_GLUE auto out_of_line(Call &call, bool_constant<false>) {
  Call *pointer = &call;
  return [pointer] { (*pointer)(); };
}
template <class Call> CXXDEFER_GLUE auto out_of_line(Call &call) {
  return out_of_line(
      call, bool_constant<call_store<Call, sizeof(Call)>::copied_out>{});
}

template <class Call> struct guard {
  Call call;
  bool armed = true;
  CXXDEFER_SLOT_CONSTRUCTORS_(guard)
  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 ~guard() noexcept(false) {
    if (armed) {
      armed = false;
      call();
    }
  }
};

template <class Call> struct open_slot {
  Call call;
  bool armed = true;
  CXXDEFER_SLOT_CONSTRUCTORS_(open_slot)
  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 ~open_slot() noexcept(false) {
    if (armed) {
      armed = false;
      call();
    }
  }
  /// The handler's part: runs the call with the exception current.
  CXXDEFER_GLUE void unwind() {
    if (armed) {
      armed = false;
      call_while_panicking(out_of_line(call));
    }
  }
};

template <class Call> struct recovering_slot {
  Call call;
  bool armed = true;
  CXXDEFER_SLOT_CONSTRUCTORS_(recovering_slot)
  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 ~recovering_slot() noexcept(false) {
    if (armed) {
      armed = false;
      if (!constant_evaluation() &&
          __builtin_expect(panic_state<>::innermost != nullptr, 0))
        call_hiding_panics(out_of_line(call));
      else
        call();
    }
  }
  /// \returns true if the call recovered the exception.
  CXXDEFER_GLUE bool unwind(bool can_recover) {
    if (!armed)
      return false;
    armed = false;
    return call_for_panic(out_of_line(call), can_recover);
  }
};

template <class Call> struct err_slot {
  Call call;
  bool armed = true;
  CXXDEFER_SLOT_CONSTRUCTORS_(err_slot)
  CXXDEFER_GLUE void unwind() {
    if (armed) {
      armed = false;
      call_while_panicking(out_of_line(call));
    }
  }
  CXXDEFER_GLUE bool unwind(bool can_recover) {
    if (!armed)
      return false;
    armed = false;
    return call_for_panic(out_of_line(call), can_recover);
  }
};

#undef CXXDEFER_SLOT_CONSTRUCTORS_

#if __cplusplus >= 201703L
template <class Call> guard(Call) -> guard<Call>;
template <class Call> open_slot(Call) -> open_slot<Call>;
template <class Call> recovering_slot(Call) -> recovering_slot<Call>;
template <class Call> err_slot(Call) -> err_slot<Call>;
#endif

/// The C++14 form of a slot declared at its defer statement.
template <template <class> class Slot, class Call>
CXXDEFER_GLUE constexpr Slot<Call> open_coded(Call call) {
#if __cplusplus >= 201703L
  return {static_cast<Call &&>(call)};
#else
  return Slot<Call>(static_cast<Call &&>(call));
#endif
}

/// What runs a hoisted slot's call (see the file comment).
enum class slot_kind { guard, handled, recovering, err };

template <unsigned Bit, slot_kind Kind, class Store> struct hoisted_slot;

/// Stands for the call of a type-erased slot_call, which is never run
/// directly (its `direct` is false).
struct no_call {
  void operator()() {}
};

/// Where a hoisted slot keeps its call: a local of its own, declared with
/// the slot, so that where the call is not copied out (see out_of_line)
/// only it escapes into the out-of-line paths (a panic, a recovery) and
/// the compiler keeps the slot and the deferBits byte in registers. The
/// rewriter spells the call's type when it can (Call): the call is then
/// stored and run directly, inlined at every exit as a
/// top-level slot's is. Where the type cannot be named before the defer
/// statement (an operand's type is declared after the slot, or depends on
/// a template parameter), Call is void and the call is type-erased: the
/// defer statement records the functions that run and discard it.
template <class Call = void> class slot_call {
  static constexpr decltype(sizeof(0)) size =
      sizeof(Call) < sizeof(void *) ? sizeof(void *) : sizeof(Call);
  // In place whatever the call's alignment: `storage` is aligned for it.
  using store = call_store<Call, size, true>;
  template <unsigned, slot_kind, class> friend struct hoisted_slot;

public:
  /// A call of type \p Made is placed with `new` and run where it lies.
  template <class Made>
  static constexpr bool direct = is_same<Made, Call>::value && store::direct;
  /// Whether the call is copied out for the out-of-line paths.
  static constexpr bool copied_out = store::copied_out;
  using direct_call = Call;

  template <bool Discards, class Made>
  CXXDEFER_GLUE void place(Made &&call) {
    static_assert(is_same<Made, Call>::value,
                  "cxxdefer: internal error: a defer statement's call is not "
                  "of the type the rewriter spelled at its slot");
    // Spelled out rather than through store::place(): at -O0 each
    // inlined layer still spills its arguments.
    if (store::direct)
      ::new (static_cast<void *>(storage)) Call(static_cast<Call &&>(call));
    else
      store::place(storage, static_cast<Call &&>(call));
  }
  template <bool Discards, class Make>
  CXXDEFER_GLUE void place_made(Make &make) {
    static_assert(is_same<made_by<Make>, Call>::value,
                  "cxxdefer: internal error: a defer statement's call is not "
                  "of the type the rewriter spelled at its slot");
    store::place_made(storage, make);
  }
  CXXDEFER_GLUE void run() {
    if (store::direct)
      (*static_cast<Call *>(static_cast<void *>(storage)))();
    else
      store::finish(storage, true);
  }
  CXXDEFER_GLUE void discard() { store::finish(storage, false); }

  /// Under C++17 the defer statement builds its call here itself, `::new
  /// (s.storage) call{...}`, and sets the slot's bit: at -O0 arm() is a
  /// layer more (rewriter/lib/Print.cpp, armedInText).
  alignas(Call) alignas(void *) unsigned char storage[size];
};

template <> class slot_call<void> {
  template <unsigned, slot_kind, class> friend struct hoisted_slot;

public:
  template <class Made> static constexpr bool direct = false;
  static constexpr bool copied_out = false;
  using direct_call = no_call;
  template <bool Discards, class Made>
  CXXDEFER_GLUE void place(Made &&call) {
    using store = call_store<Made, call_capacity>;
    store::place(storage, static_cast<Made &&>(call));
    armed_with<Discards, store>();
  }
  template <bool Discards, class Make>
  CXXDEFER_GLUE void place_made(Make &make) {
    using store = call_store<made_by<Make>, call_capacity>;
    store::place_made(storage, make);
    armed_with<Discards, store>();
  }
  CXXDEFER_GLUE void run() { run_(storage); }
  CXXDEFER_GLUE void discard() { discard_(storage); }

private:
  template <bool Discards, class Store> CXXDEFER_GLUE void armed_with() {
    run_ = &Store::run;
    if (Discards)
      discard_ = &Store::discard;
  }
  // Set by place() and read only while the slot's bit is set: left
  // uninitialised, as Go leaves an open-coded defer's stack slots.
  void (*run_)(void *);
  void (*discard_)(void *);
  alignas(max_align) unsigned char storage[call_capacity];
};

/// The slot of a nested defer statement, armed by it through bit \p Bit of
/// the function's deferBits byte; its call kept in \p Store, a slot_call.
template <unsigned Bit, slot_kind Kind, class Store = slot_call<>>
struct hoisted_slot {
  static_assert(Bit < 8, "deferBits is one byte");
  static constexpr unsigned char mask = static_cast<unsigned char>(1u << Bit);
  static constexpr bool discards = Kind == slot_kind::err;

  // An aggregate, `hoisted_slot<...> d{bits, store};`: at -O0 a
  // constructor would store its arguments before storing the members.
  unsigned char &bits_;
  Store &store_;
#if CXXDEFER_HAS_CONSTEXPR20
  const_call *const_ = nullptr;
#endif

  /// Called at the defer statement, after every operand was evaluated:
  /// stores the bound call, then sets the bit. Under C++17 a statement
  /// whose slot names its call's type does both itself, unless constant
  /// evaluation may run it (slot_call::storage).
  template <class Made> CXXDEFER_GLUE constexpr void arm(Made call) {
#if CXXDEFER_HAS_CONSTEXPR20
    if (constant_evaluation()) {
      const_ = new const_held<Made>(static_cast<Made &&>(call));
      bits_ |= mask;
      return;
    }
#endif
    // Store::place(), flat where it can be: at -O0 a layer spills.
    if (Store::template direct<Made>)
      ::new (static_cast<void *>(store_.storage))
          Made(static_cast<Made &&>(call));
    else
      store_.template place<discards>(static_cast<Made &&>(call));
    bits_ |= mask;
  }
  /// The same, building the call in place: `arm_made([&] { return call{...}; })`.
  template <class Make> CXXDEFER_GLUE constexpr void arm_made(Make make) {
#if CXXDEFER_HAS_CONSTEXPR20
    if (constant_evaluation()) {
      const_ = new const_held<made_by<Make>>(made_in_place{}, make);
      bits_ |= mask;
      return;
    }
#endif
    store_.template place_made<discards>(make);
    bits_ |= mask;
  }

  // The bit is tested and not cleared: Go clears it before the call so
  // that a panic in the call does not run it again, but here nothing can
  // read it after the destructor. The slot's handler encloses only the
  // code after the slot's declaration, so a call that throws from here
  // reaches the handlers of slots declared before this one, each testing
  // its own bit; and a function's exit destroys its slot once. (unwind()
  // clears it: the destructor runs after the handler.) At -O0 a clear
  // costs five instructions at every exit.
  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 ~hoisted_slot() noexcept(false) {
    if (!(bits_ & mask))
      return;
#if CXXDEFER_HAS_CONSTEXPR20
    if (const_) {
      if (Kind != slot_kind::err)
        const_->run();
      const_->destroy();
      return;
    }
#endif
    if (Kind == slot_kind::err) {
      store_.discard();
    } else if (Kind == slot_kind::recovering &&
               __builtin_expect(panic_state<>::innermost != nullptr, 0)) {
      call_hiding_panics(runner());
    } else if (Store::template direct<typename Store::direct_call>) {
      // store_.run(), flat: at -O0 a layer spills.
      using call_type = typename Store::direct_call;
      (*static_cast<call_type *>(static_cast<void *>(store_.storage)))();
    } else {
      store_.run();
    }
  }

  CXXDEFER_GLUE void unwind() {
    if (!(bits_ & mask))
      return;
    bits_ &= static_cast<unsigned char>(~mask);
    call_while_panicking(runner());
  }
  CXXDEFER_GLUE bool unwind(bool can_recover) {
    if (!(bits_ & mask))
      return false;
    bits_ &= static_cast<unsigned char>(~mask);
    return call_for_panic(runner(), can_recover);
  }

  /// The call for the out-of-line paths: a copy of a call that is copied
  /// by copying bytes, else the store, never the slot (see out_of_line).
  /// Not a copy under GCC: its -Wmaybe-uninitialized cannot tell that the
  /// bit guards every read of the call, and warns at the user's line.
  CXXDEFER_GLUE auto runner() {
#if defined(__clang__)
    return runner(bool_constant<Store::copied_out>{});
#else
    return runner(bool_constant<false>{});
#endif
  }
  CXXDEFER_GLUE auto runner(bool_constant<true>) {
    using call_type = typename Store::direct_call;
    return out_of_line(
        *static_cast<call_type *>(static_cast<void *>(store_.storage)),
        bool_constant<true>{});
  }
  CXXDEFER_GLUE auto runner(bool_constant<false>) {
    Store *store = &store_;
    return [store] { store->run(); };
  }
};

template <unsigned Bit, class Store = slot_call<>>
using hoisted_guard = hoisted_slot<Bit, slot_kind::guard, Store>;
template <unsigned Bit, class Store = slot_call<>>
using hoisted_open_slot = hoisted_slot<Bit, slot_kind::handled, Store>;
template <unsigned Bit, class Store = slot_call<>>
using hoisted_recovering_slot =
    hoisted_slot<Bit, slot_kind::recovering, Store>;
template <unsigned Bit, class Store = slot_call<>>
using hoisted_err_slot = hoisted_slot<Bit, slot_kind::err, Store>;

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_SLOTS_H
