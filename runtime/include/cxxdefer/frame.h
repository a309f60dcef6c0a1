//===- cxxdefer/frame.h - Go's defer records: stack-allocated defers -----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// When a function cannot open-code its defers (more than 8 defer
/// statements, too many returns, or a defer statement in a loop), Go keeps
/// them as records on a list, newest first: the defer statement links a
/// record (`deferprocStack` for a record in the frame, `deferproc` for a
/// pooled one), and `deferreturn` at every exit runs the records that belong
/// to the returning frame.
///
/// Go's list is per goroutine and tells frames apart by stack pointer. Here
/// each `defer_frame` - a local the rewriter declares where an open-coded
/// slot would be - owns its own list: the defer statements below it link
/// their records into it by name, and its destructor and its handler run
/// them. A list per frame needs no thread-local access on the fast path,
/// and it is what coroutines need: a suspended coroutine's records live in
/// its own frame, not on a thread's stack of calls, so two coroutines
/// resumed alternately, or one resumed on another thread, keep theirs
/// apart.
///
/// SPEC 2.5 wants each call to run before the locals that were alive at
/// its defer statement die, so the frame is declared before the top-level
/// statement that holds the defer statement and wraps the rest of the body
/// in a try region:
///
///     cxxdefer::detail::stack_record cxxdefer_d12_3;       // stack tier
///     cxxdefer::detail::defer_frame cxxdefer_frame12_3;
///     try { ... cxxdefer_d12_3.push(cxxdefer_frame12_3, call{...}); ... }
///     catch (...) { cxxdefer_frame12_3.unwind(); rethrow(); }
///
/// A frame whose calls may reach __recover() is a recovering_frame: its
/// handler returns from the function when a call recovers, and its
/// destructor hides outer panics. A frame whose calls can neither throw nor
/// recover is a guard_frame, with no handler at all.
///
/// Run order and throwing calls (SPEC 3.3, 3.4): a record is unlinked
/// before its call runs (Go pops `d` before calling `d.fn`). When a call
/// throws on a normal exit, the remaining records run from a handler with
/// the new exception current; if one of them throws, that exception
/// replaces the current one. If one recovers, the records after it run as
/// on a normal exit and the frame throws recovered_on_return, which the
/// rewriter catches right around the frame, inside the function, where an
/// open-coded slot's handler would have been entered.
///
/// An __errdefer record runs only from the handler; a normal exit
/// destroys it without running it.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_FRAME_H
#define CXXDEFER_FRAME_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include "cxxdefer/panic.h"
#include "cxxdefer/stored_call.h"

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

/// Go's `_defer`.
struct record {
  /// The next older record of the same frame; once the record is unlinked,
  /// panicking_mark() if an exception's walk finishes it (see below).
  record *link;
  /// Runs the call, or destroys it unrun (an __errdefer's, unless
  /// panicking(r): its finish function knows which it is), then releases
  /// the record if it is pooled.
  void (*finish)(record *);
  alignas(max_align) unsigned char storage[call_capacity];

  /// What an exception's walk leaves in an unlinked record's link, for an
  /// __errdefer's finish to see; no record lies at an odd address. The
  /// normal walk passes nothing and writes nothing: on the fast path a
  /// record's call costs what it would without __errdefer.
  CXXDEFER_GLUE static record *panicking_mark() noexcept {
    return reinterpret_cast<record *>(static_cast<decltype(sizeof(0))>(1));
  }
  CXXDEFER_GLUE static bool panicking(const record *r) noexcept {
    return r->link == panicking_mark();
  }
};

/// Thrown by a frame's destructor when, on a normal exit, a deferred call
/// threw and a later one recovered (see the file comment). It never leaves
/// the function.
struct recovered_on_return {};

/// The records of one frame, newest first.
class record_list {
public:
  CXXDEFER_GLUE constexpr record_list() noexcept {}
  record_list(const record_list &) = delete;
  record_list &operator=(const record_list &) = delete;

  CXXDEFER_GLUE constexpr void link(record *r) noexcept {
    r->link = head_;
    head_ = r;
  }

#if CXXDEFER_HAS_CONSTEXPR20
  /// Constant evaluation keeps calls in heap nodes (cxxdefer/config.h).
  template <class Call>
  CXXDEFER_GLUE constexpr void link_const(Call &&call, bool is_err) {
    link_const_node(new const_held<Call>(static_cast<Call &&>(call)), is_err);
  }
  /// The same, building the call in place from \p make.
  template <class Make>
  CXXDEFER_GLUE constexpr void link_const_made(Make &make, bool is_err) {
    link_const_node(new const_held<made_by<Make>>(made_in_place{}, make),
                    is_err);
  }
  CXXDEFER_GLUE constexpr void link_const_node(const_call *c, bool is_err) {
    c->err = is_err;
    c->link = const_head_;
    const_head_ = c;
  }
#endif

protected:
  friend class stack_record;
  template <class Store> friend class pooled_record;
  template <class Store, bool IsErr, class Call>
  friend void pooled_defer(record_list &frame, Call &call);

  /// Unlinks and finishes the newest record while an exception
  /// propagates.
  CXXDEFER_GLUE void finish_newest_panicking() {
    record *r = head_;
    head_ = r->link; // unlinked before its call runs
    r->link = record::panicking_mark();
    r->finish(r);
  }

  /// Runs every record on a normal exit, newest first, until one throws.
  /// The loop is written flat for -O0's sake (see stack_record).
  CXXDEFER_GLUE void run_normally() {
    for (record *r = head_; r; r = head_) {
      head_ = r->link; // unlinked before its call runs
      r->finish(r);
    }
  }

  /// Runs the calls kept during constant evaluation (which never unwinds).
  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 void run_const() {
#if CXXDEFER_HAS_CONSTEXPR20
    while (const_head_) {
      const_call *c = const_head_;
      const_head_ = c->link;
      if (!c->err)
        c->run();
      c->destroy();
    }
#endif
  }

  /// Runs every record while an exception propagates. A call that throws
  /// replaces the exception (recorded, cxxdefer/replaced.h): the rest run
  /// for the new one.
  CXXDEFER_COLD void unwind_all() {
    while (head_) {
#if CXXDEFER_EXCEPTIONS
      try {
        panic_scope unreachable(panic_scope::unreachable);
        auto newest = [this] { finish_newest_panicking(); };
        call_replacing(newest, nullptr);
      } catch (...) {
        unwind_all();
        throw;
      }
#else
      finish_newest_panicking();
#endif
    }
  }

  /// Runs every record while an exception propagates, each under a
  /// panic_scope. Stops after a call that recovers and \returns true.
  CXXDEFER_COLD bool unwind_recovering(bool can_recover) {
    while (head_) {
#if CXXDEFER_EXCEPTIONS
      try {
        panic_scope panic(can_recover);
        auto newest = [this] { finish_newest_panicking(); };
        call_replacing(newest, &panic);
        if (panic.finish())
          return true;
      } catch (...) {
        if (unwind_recovering(can_recover))
          return true;
        throw;
      }
#else
      (void)can_recover;
      finish_newest_panicking();
#endif
    }
    return false;
  }

  record *head_ = nullptr;
#if CXXDEFER_HAS_CONSTEXPR20
  const_call *const_head_ = nullptr;
#endif
};

/// A frame whose calls cannot throw or recover: no handler.
class guard_frame : public record_list {
public:
  // Declared so that it is glue: an implicit one has line info, where
  // gdb's `step` would stop.
  CXXDEFER_GLUE constexpr guard_frame() noexcept {}
  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 ~guard_frame() noexcept(false) {
    if (constant_evaluation()) {
      run_const();
      return;
    }
    run_normally();
  }
};

/// A frame whose calls may throw; its handler calls unwind().
class defer_frame : public record_list {
public:
  CXXDEFER_GLUE constexpr defer_frame() noexcept {}
  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 ~defer_frame() noexcept(false) {
    if (constant_evaluation()) {
      run_const();
      return;
    }
    if (head_)
      run_all();
  }
  CXXDEFER_GLUE void unwind() {
    if (head_)
      unwind_all();
  }

private:
  CXXDEFER_COLD void run_all() {
#if CXXDEFER_EXCEPTIONS
    try {
      run_normally();
    } catch (...) {
      unwind_all();
      throw;
    }
#else
    run_normally();
#endif
  }
};

/// A frame whose calls may reach __recover(). \p can_recover: the function
/// can return after a recovery.
class recovering_frame : public record_list {
public:
  CXXDEFER_GLUE constexpr explicit recovering_frame(bool can_recover) noexcept
      : can_recover_(can_recover) {}

  CXXDEFER_GLUE CXXDEFER_CONSTEXPR20 ~recovering_frame() noexcept(false) {
    if (constant_evaluation()) {
      run_const();
      return;
    }
    if (head_)
      run_all();
  }
  /// \returns true if a call recovered the exception.
  CXXDEFER_GLUE bool unwind() {
    return head_ && unwind_recovering(can_recover_);
  }

private:
  CXXDEFER_COLD void run_all() {
    panics_hidden hidden; // normal-exit calls: __recover() is null in them
    bool recovered = false;
    while (head_) {
#if CXXDEFER_EXCEPTIONS
      try {
        run_normally();
      } catch (...) {
        if (!unwind_recovering(can_recover_))
          throw;
        recovered = true;
      }
#else
      run_normally();
#endif
    }
#if CXXDEFER_EXCEPTIONS
    if (recovered)
      throw recovered_on_return();
#endif
  }

  bool can_recover_;
};

/// Runs (or, for an __errdefer on a normal exit, discards) a record's
/// call; the record itself stays where it is.
template <class Store, bool IsErr> void finish_in_place(record *r) {
  using call_type = typename Store::call_type;
  if (Store::direct && !IsErr)
    (*static_cast<call_type *>(static_cast<void *>(r->storage)))();
  else
    Store::finish(r->storage, IsErr ? record::panicking(r) : true);
}

/// A record in the function's frame (Go's deferprocStack). Declared unarmed
/// before its defer_frame; the defer statement stores the bound call and
/// links it. Trivially destructible: the frame, declared after it, finishes
/// the call before the record goes away.
/// Each push is written flat, placing the call and linking the record
/// without helpers: at -O0 every inlined layer still spills its arguments.
class stack_record : private record {
public:
  // Trivial: a record's fields are written by push(), and at -O0 even an
  // empty constructor stores its `this`.
  stack_record() = default;
  stack_record(const stack_record &) = delete;
  stack_record &operator=(const stack_record &) = delete;

  template <class Call>
  CXXDEFER_GLUE constexpr void push(record_list &frame, Call call) {
#if CXXDEFER_HAS_CONSTEXPR20
    if (constant_evaluation())
      return frame.link_const(static_cast<Call &&>(call), false);
#endif
    using store_type = call_store<Call, call_capacity>;
    if (store_type::direct) // store_type::place(), flat
      ::new (static_cast<void *>(storage)) Call(static_cast<Call &&>(call));
    else
      store_type::place(storage, static_cast<Call &&>(call));
    finish = &finish_in_place<store_type, false>;
    link = frame.head_;
    frame.head_ = this;
  }
  template <class Call>
  CXXDEFER_GLUE constexpr void push_err(record_list &frame, Call call) {
#if CXXDEFER_HAS_CONSTEXPR20
    if (constant_evaluation())
      return frame.link_const(static_cast<Call &&>(call), true);
#endif
    using store_type = call_store<Call, call_capacity>;
    if (store_type::direct) // store_type::place(), flat
      ::new (static_cast<void *>(storage)) Call(static_cast<Call &&>(call));
    else
      store_type::place(storage, static_cast<Call &&>(call));
    finish = &finish_in_place<store_type, true>;
    link = frame.head_;
    frame.head_ = this;
  }
  template <class Make>
  CXXDEFER_GLUE constexpr void push_made(record_list &frame, Make make) {
#if CXXDEFER_HAS_CONSTEXPR20
    if (constant_evaluation())
      return frame.link_const_made(make, false);
#endif
    using store_type = call_store<made_by<Make>, call_capacity>;
    store_type::place_made(storage, make);
    finish = &finish_in_place<store_type, false>;
    link = frame.head_;
    frame.head_ = this;
  }
};

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_FRAME_H
