//===- cxxdefer/pool.h - Go's defer pool: heap-allocated defers -----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A defer statement in a loop can run any number of times before its
/// function returns, so its records cannot live in the frame. Go takes
/// them from a pool (`newdefer` / `freedefer` in runtime/panic.go): each P
/// has a small cache, `pp.deferpool`; when it is empty, `newdefer` refills
/// half of it from the global `sched.deferpool` under a lock; when it is
/// full, `freedefer` spills half back. Only when both are empty is a new
/// record allocated, so a program in steady state does not allocate.
///
/// The same, with a thread in place of a P:
///
///   - `thread_records()`: this thread's cache, a singly linked free list
///     with the room it has left. Constant-initialised and trivially
///     destructible, so the fast paths (new_record / free_record) are a
///     thread-local load, a pop or push, and a compare.
///   - `global_records()`: the shared pool, a free list under a spin lock
///     (taken once per `batch` records, on the cold refill and spill paths;
///     a spin lock keeps <mutex> out of every file that defers).
///   - `cache_owner`: a thread_local with a destructor, touched only on
///     the first refill of a thread, that gives the thread's cache back to
///     the global pool when the thread ends (Go: a P's cache is flushed by
///     the garbage collector; C++ has only thread exit).
///   - The global pool frees every record when the program ends (after
///     the main thread's cache went back to it), so nothing is reported as
///     leaked or still reachable. A thread that outlives the static
///     destructors frees its records directly.
///
/// All of it has default visibility (cxxdefer/config.h): one pool per
/// process, however many shared libraries defer. A record taken on one
/// thread may be released on another (a coroutine resumed elsewhere); it
/// then simply joins that thread's cache.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_POOL_H
#define CXXDEFER_POOL_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include "cxxdefer/frame.h"
#include "cxxdefer/stored_call.h"

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

/// Records a thread's cache holds at most; it refills and spills half.
constexpr unsigned cache_capacity = 32;
constexpr unsigned batch = cache_capacity / 2;

struct free_records {
  record *first = nullptr;
  /// How many more records the list takes before it is full: counted
  /// down, so that giving a record back is one decrement that also tells
  /// whether the cache would be full (`decl; je` at -O2). A cache spills
  /// instead of filling up, so it holds at most cache_capacity - 1. (The
  /// global pool's goes below zero: it is never full.)
  int room = cache_capacity;

  CXXDEFER_GLUE void push(record *r) noexcept {
    r->link = first;
    first = r;
    --room;
  }
  CXXDEFER_GLUE record *pop() noexcept {
    record *r = first;
    first = r->link;
    ++room;
    return r;
  }
  CXXDEFER_GLUE unsigned held() const noexcept {
    return static_cast<unsigned>(static_cast<int>(cache_capacity) - room);
  }
};

/// This thread's cache (Go's pp.deferpool): a `__thread` member of a
/// class template, as cxxdefer/panic.h's panic_state says why.
template <class = void> struct pool_state {
  CXXDEFER_SHARED static __thread free_records cache;
};
template <class T> __thread free_records pool_state<T>::cache = {};

CXXDEFER_GLUE free_records &thread_records() noexcept {
  return pool_state<>::cache;
}

/// The global pool (Go's sched.deferpool).
class global_pool {
public:
  /// Moves up to \p n records to \p to; allocates what the pool lacks.
  void take(free_records &to, unsigned n) {
    lock();
    while (n && free_.first) {
      to.push(free_.pop());
      --n;
    }
    unlock();
    for (; n; --n)
      to.push(new record);
  }

  /// Moves \p n records from \p from to the pool.
  void give(free_records &from, unsigned n) noexcept {
    if (closed()) {
      for (; n; --n)
        delete from.pop();
      return;
    }
    lock();
    for (; n; --n)
      free_.push(from.pop());
    unlock();
  }

  ~global_pool() {
    closed() = true;
    while (free_.first)
      delete free_.pop();
  }

private:
  void lock() noexcept {
    while (__atomic_test_and_set(&locked_, __ATOMIC_ACQUIRE))
      while (__atomic_load_n(&locked_, __ATOMIC_RELAXED))
        ;
  }
  void unlock() noexcept { __atomic_clear(&locked_, __ATOMIC_RELEASE); }

  /// Set once the pool is destroyed; a plain bool outlives it.
  CXXDEFER_SHARED static bool &closed() noexcept {
    static bool is_closed = false;
    return is_closed;
  }

  bool locked_ = false;
  free_records free_;
};

CXXDEFER_SHARED inline global_pool &global_records() {
  static global_pool pool;
  return pool;
}

/// Gives this thread's cache back to the global pool when the thread ends.
struct cache_owner {
  ~cache_owner() {
    free_records &cache = thread_records();
    global_records().give(cache, cache.held());
  }
};

/// Go's newdefer refill: half a cache from the global pool.
CXXDEFER_COLD CXXDEFER_NO_STEP inline void refill(free_records &cache) {
  static thread_local cache_owner owner; // registers the thread-exit flush
  (void)owner;
  global_records().take(cache, batch);
}

/// Go's freedefer spill: half a cache to the global pool.
CXXDEFER_COLD CXXDEFER_NO_STEP inline void spill(free_records &cache) {
  global_records().give(cache, batch);
}

CXXDEFER_GLUE record *new_record() {
  free_records &cache = pool_state<>::cache;
  if (__builtin_expect(cache.first == nullptr, 0))
    refill(cache);
  record *r = cache.first; // cache.pop(), flat for -O0
  cache.first = r->link;
  ++cache.room;
  return r;
}

CXXDEFER_GLUE void free_record(record *r) noexcept {
  free_records &cache = pool_state<>::cache;
  if (__builtin_expect(cache.room == 1, 0))
    spill(cache);
  r->link = cache.first; // cache.push(r), flat for -O0
  cache.first = r;
  --cache.room;
}

/// Runs (or, for an __errdefer on a normal exit, discards) a pooled
/// record's call, then gives the record back.
template <class Store, bool IsErr, bool CopiedOut = Store::copied_out>
struct pooled_finish {
  static void finish(record *r) {
    struct free_after {
      record *r;
      CXXDEFER_GLUE ~free_after() { free_record(r); }
    } release{r};
    Store::finish(r->storage, IsErr ? record::panicking(r) : true);
  }
};

/// A call that is only bytes is copied out and its record given back
/// before it runs (Go's freedefer also comes first): no guard, and the
/// call is a tail call.
///
/// A full cache takes a path of its own, so that the usual one makes no
/// call before the callee's and needs no saved registers.
template <class Store, bool IsErr> struct pooled_finish<Store, IsErr, true> {
  static void finish(record *r) {
    using call_type = typename Store::call_type;
    free_records &cache = pool_state<>::cache;
    if (__builtin_expect(--cache.room == 0, 0))
      return finish_spilling(r);
    call_type call = *static_cast<call_type *>(static_cast<void *>(r->storage));
    // Read before free_record's part reuses r->link.
    bool run = IsErr ? record::panicking(r) : true;
    r->link = cache.first; // free_record(r), flat; room counted above
    cache.first = r;
    if (run)
      call();
  }

private:
  CXXDEFER_COLD static void finish_spilling(record *r) {
    ++pool_state<>::cache.room; // finish() counted r in: not yet
    spill(pool_state<>::cache);
    finish(r);
  }
};

/// A record taken from the pool for a call of \p Store's type: given back
/// unless link() ran (moving the call into it threw). Written flat, with
/// no callable in between, because at -O0 every layer costs a call.
template <class Store> class pooled_record {
public:
  CXXDEFER_GLUE pooled_record() : r_(new_record()) {}
  pooled_record(const pooled_record &) = delete;
  pooled_record &operator=(const pooled_record &) = delete;
  CXXDEFER_GLUE ~pooled_record() {
    if (r_)
      free_record(r_);
  }

  CXXDEFER_GLUE void *storage() noexcept { return r_->storage; }

  /// Links the record, whose storage now holds the call, into \p frame.
  template <bool IsErr>
  CXXDEFER_GLUE void link(record_list &frame) noexcept {
    record *r = r_;
    r->finish = &pooled_finish<Store, IsErr>::finish;
    r->link = frame.head_;
    frame.head_ = r;
    r_ = nullptr;
  }

private:
  record *r_;
};

/// Takes a record, moves \p call into it and links it. Not constexpr
/// (pooled_record is not a literal type), so apart from heap_defer.
template <class Store, bool IsErr, class Call>
CXXDEFER_GLUE void pooled_defer(record_list &frame, Call &call) {
  // Not `if constexpr` (C++14): the branch must compile for every call.
  if (Store::copied_out && __is_trivially_constructible(Call, Call &&)) {
    // A trivial move cannot throw (a user's move constructor could): no
    // guard to give the record back, and no layer (at -O0 each one costs
    // its spills).
    record *r = new_record();
    ::new (static_cast<void *>(r->storage)) Call(static_cast<Call &&>(call));
    r->finish = &pooled_finish<Store, IsErr>::finish;
    r->link = frame.head_;
    frame.head_ = r;
    return;
  }
  pooled_record<Store> record;
  Store::place(record.storage(), static_cast<Call &&>(call));
  record.template link<IsErr>(frame);
}

/// The same, building the call in the record from a factory.
template <class Store, class Make>
CXXDEFER_GLUE void pooled_defer_made(record_list &frame, Make &make) {
  pooled_record<Store> record;
  Store::place_made(record.storage(), make);
  record.template link<false>(frame);
}

/// A heap-allocated defer statement (Go's deferproc): takes a record from
/// the pool, stores the bound call in it and links it into \p frame.
template <class Call>
CXXDEFER_GLUE constexpr void heap_defer(record_list &frame, Call call) {
#if CXXDEFER_HAS_CONSTEXPR20
  if (constant_evaluation())
    return frame.link_const(static_cast<Call &&>(call), false);
#endif
  pooled_defer<call_store<Call, call_capacity>, false>(frame, call);
}

/// The same for an __errdefer.
template <class Call>
CXXDEFER_GLUE constexpr void heap_errdefer(record_list &frame, Call call) {
#if CXXDEFER_HAS_CONSTEXPR20
  if (constant_evaluation())
    return frame.link_const(static_cast<Call &&>(call), true);
#endif
  pooled_defer<call_store<Call, call_capacity>, true>(frame, call);
}

/// The same, building the call in place from a factory.
template <class Make>
CXXDEFER_GLUE constexpr void heap_defer_made(record_list &frame, Make make) {
#if CXXDEFER_HAS_CONSTEXPR20
  if (constant_evaluation())
    return frame.link_const_made(make, false);
#endif
  pooled_defer_made<call_store<made_by<Make>, call_capacity>>(frame, make);
}

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_POOL_H
