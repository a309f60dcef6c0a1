//===- cxxdefer/chain.h - Go's defer chain: stack-allocated defers --------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// When a function cannot open-code its defers (more than 8 defer
/// statements, too many returns, or a defer statement in a loop), Go keeps
/// them as records on a per-goroutine list, `g._defer`, newest first: the
/// defer statement links a record (`deferprocStack` for a record in the
/// frame, `deferproc` for a pooled one), and `deferreturn` at every exit
/// runs the records that belong to the returning frame, which it tells by
/// comparing each record's saved stack pointer with its own.
///
/// Here the list is `chain_head()`, one per thread. A record is a `record`:
/// the link, the type-erased bound call (cxxdefer/stored_call.h) and the
/// function that runs it (which, for a pooled record, also gives the record
/// back to the pool: cxxdefer/pool.h).
///
/// A frame's identity is a `defer_frame`: a local that remembers the chain
/// head when it is constructed. Every record linked after that, and not
/// yet run, belongs to it - the records of callees are always unlinked
/// before the callee returns or unwinds - so "run the records of this
/// frame" is "run records until the head is the remembered one", Go's
/// `sp` comparison without a stack pointer.
///
/// A function has one defer_frame per place where its deferred calls must
/// run: SPEC 2.5 wants each call to run before the locals that were alive at
/// its defer statement die, so the rewriter declares the defer_frame before
/// the top-level statement that holds the defer statement (the same place
/// as an open-coded slot) and wraps the rest of the body in a try region:
///
///     cxxdefer::detail::stack_record cxxdefer_d12_3;   // stack tier only
///     cxxdefer::detail::defer_frame cxxdefer_frame12_3(true);
///     try { ... cxxdefer_d12_3.push(bind(...)); ... }
///     catch (...) { if (cxxdefer_frame12_3.unwind()) return; rethrow(); }
///
/// The destructor runs the frame's records on a normal exit; the handler
/// runs them with the exception current, as an open-coded slot does, and
/// returns from the function when one of them recovers it (panic.h). A
/// frame of a function that can recover sits in one more try block, which
/// catches recovered_on_return (below) and returns the same way.
///
/// Run order and throwing calls (SPEC 3.3, 3.4): a record is unlinked
/// before its call runs (Go pops `d` before calling `d.fn`). When a call
/// throws, the remaining records of the frame run from a handler, with the
/// new exception current; if one of them throws, that exception replaces
/// the current one. Nothing calls std::terminate.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_CHAIN_H
#define CXXDEFER_CHAIN_H

#include "cxxdefer/panic.h"
#include "cxxdefer/stored_call.h"
#include <cstddef>
#include <utility>

namespace cxxdefer {
namespace detail {

/// Bytes of a record that hold the bound call in place; larger calls go to
/// a heap block (and so allocate even in steady state). Eight pointers:
/// a callee, an object and a handful of scalar or reference arguments.
constexpr std::size_t record_capacity = 8 * sizeof(void *);

/// Go's `_defer`.
struct record {
  /// The next older record of this thread.
  record *link;
  /// Runs the call, destroys it, and releases the record when it is pooled.
  void (*run)(record *);
  alignas(std::max_align_t) unsigned char storage[record_capacity];
};

/// The newest record of this thread (Go's `g._defer`). Constant-initialised
/// and trivially destructible, so every access is a plain thread-local load
/// or store, with no initialisation guard.
inline record *&chain_head() noexcept {
  static thread_local record *head = nullptr;
  return head;
}

/// Links \p r as the newest record of this thread.
inline void link_record(record *r) noexcept {
  record *&head = chain_head();
  r->link = head;
  head = r;
}

/// Runs, newest first, the records linked after \p stop while an exception
/// propagates (the handler's path). Stops after a call that recovers the
/// exception and \returns true; the remaining records then run on the
/// normal exit that follows. A call that throws replaces the exception:
/// the rest run for the new one.
inline bool unwind_records_until(record *stop, bool can_recover) {
  record *&head = chain_head();
  while (head != stop) {
    record *r = head;
    head = r->link; // unlinked before its call runs
    try {
      panic_scope panic(can_recover);
      r->run(r);
      if (panic.recovered())
        return true;
    } catch (...) {
      if (unwind_records_until(stop, can_recover))
        return true;
      throw;
    }
  }
  return false;
}

/// Thrown by a frame's destructor when, on a normal exit, a deferred call
/// threw and a later one recovered: the function must now return as after
/// any recovery (its return object, if any, was destroyed when the call
/// threw). The rewriter catches it right around the frame, inside the
/// function, exactly where an open-coded slot's handler would have been
/// entered; it never leaves the function.
struct recovered_on_return {};

/// Runs, newest first, the records linked after \p stop on a normal exit
/// (Go's deferreturn loop). A call that throws starts a propagation: the
/// rest run for it and may recover it (then the records after that run as
/// on a normal exit, and recovered_on_return is thrown).
inline void run_records_until(record *stop, bool can_recover) {
  record *&head = chain_head();
  if (head == stop)
    return;
  panics_hidden hidden; // normal-exit calls: __recover() is null in them
  bool recovered = false;
  while (head != stop) {
    record *r = head;
    head = r->link;
    try {
      r->run(r);
    } catch (...) {
      if (!unwind_records_until(stop, can_recover))
        throw;
      recovered = true;
    }
  }
  if (recovered)
    throw recovered_on_return();
}

/// The records of one function frame, from one point on (see the file
/// comment). \p can_recover: the frame can return after a recovery.
class defer_frame {
public:
  explicit defer_frame(bool can_recover) noexcept
      : stop_(chain_head()), can_recover_(can_recover) {}
  defer_frame(const defer_frame &) = delete;
  defer_frame &operator=(const defer_frame &) = delete;

  /// A normal exit: runs the frame's records. A throwing call starts a
  /// propagation (SPEC 3.3), hence noexcept(false).
  ~defer_frame() noexcept(false) { run_records_until(stop_, can_recover_); }

  /// Called by the frame's handler with the exception current.
  /// \returns true if a call recovered it.
  bool unwind() { return unwind_records_until(stop_, can_recover_); }

private:
  record *stop_;
  bool can_recover_;
};

/// Runs and destroys a record's call; the record itself stays where it is.
template <class Store> void run_and_keep(record *r) { Store::run(r->storage); }

/// A record in the function's frame (Go's deferprocStack). Declared unarmed
/// where its defer_frame is; the defer statement stores the bound call and
/// links it. Trivially destructible: its defer_frame, declared after it,
/// runs (and so destroys) the call before the record goes away.
class stack_record : private record {
public:
  stack_record() noexcept {}
  stack_record(const stack_record &) = delete;
  stack_record &operator=(const stack_record &) = delete;

  template <class Call> void push(Call call) {
    using store = call_store<Call, record_capacity>;
    store::place(storage, std::move(call));
    run = &run_and_keep<store>;
    link_record(this);
  }
};

} // namespace detail
} // namespace cxxdefer

#endif // CXXDEFER_CHAIN_H
