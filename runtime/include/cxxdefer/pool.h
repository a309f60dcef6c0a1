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
///     with a count. Constant-initialised and trivially destructible, so
///     the fast paths (new_record / free_record) are a thread-local load,
///     a pop or push, and a compare.
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
  unsigned count = 0;

  void push(record *r) noexcept {
    r->link = first;
    first = r;
    ++count;
  }
  record *pop() noexcept {
    record *r = first;
    first = r->link;
    --count;
    return r;
  }
};

/// This thread's cache (Go's pp.deferpool).
CXXDEFER_SHARED inline free_records &thread_records() noexcept {
  static thread_local free_records cache;
  return cache;
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
    global_records().give(cache, cache.count);
  }
};

/// Go's newdefer refill: half a cache from the global pool.
CXXDEFER_COLD inline void refill(free_records &cache) {
  static thread_local cache_owner owner; // registers the thread-exit flush
  (void)owner;
  global_records().take(cache, batch);
}

/// Go's freedefer spill: half a cache to the global pool.
CXXDEFER_COLD inline void spill(free_records &cache) {
  global_records().give(cache, batch);
}

CXXDEFER_GLUE record *new_record() {
  free_records &cache = thread_records();
  if (__builtin_expect(cache.first == nullptr, 0))
    refill(cache);
  return cache.pop();
}

CXXDEFER_GLUE void free_record(record *r) noexcept {
  free_records &cache = thread_records();
  if (__builtin_expect(cache.count == cache_capacity, 0))
    spill(cache);
  cache.push(r);
}

/// Runs (or discards) a pooled record's call, then gives the record back.
template <class Store> void finish_and_free(record *r, bool run) {
  struct free_after {
    record *r;
    ~free_after() { free_record(r); }
  } guard{r};
  if (run)
    Store::run(r->storage);
  else
    Store::discard(r->storage);
}

/// Links a pooled record whose storage holds a call of \p Store's type.
template <class Store>
CXXDEFER_GLUE void link_pooled(record_list &frame, record *r, bool is_err) {
  r->finish = &finish_and_free<Store>;
  r->err = is_err;
  frame.link(r);
}

/// Gives \p r back unless it was linked (the call's move threw).
struct release_unless_linked {
  record *r;
  CXXDEFER_GLUE ~release_unless_linked() {
    if (r)
      free_record(r);
  }
};

/// Takes a record, stores the call \p place puts in it, links it.
template <class Store, class Place>
CXXDEFER_GLUE void pooled(record_list &frame, bool is_err,
                                 Place &place) {
  release_unless_linked guard{new_record()};
  place(guard.r->storage);
  link_pooled<Store>(frame, guard.r, is_err);
  guard.r = nullptr;
}

/// A heap-allocated defer statement (Go's deferproc): takes a record from
/// the pool, stores the bound call in it and links it into \p frame.
template <class Call>
CXXDEFER_GLUE constexpr void heap_defer(record_list &frame, Call call) {
#if CXXDEFER_HAS_CONSTEXPR20
  if (constant_evaluation())
    return frame.link_const(static_cast<Call &&>(call), false);
#endif
  using store = call_store<Call, call_capacity>;
  auto place = [&](void *storage) {
    store::place(storage, static_cast<Call &&>(call));
  };
  pooled<store>(frame, false, place);
}

/// The same for an __errdefer.
template <class Call>
CXXDEFER_GLUE constexpr void heap_errdefer(record_list &frame, Call call) {
#if CXXDEFER_HAS_CONSTEXPR20
  if (constant_evaluation())
    return frame.link_const(static_cast<Call &&>(call), true);
#endif
  using store = call_store<Call, call_capacity>;
  auto place = [&](void *storage) {
    store::place(storage, static_cast<Call &&>(call));
  };
  pooled<store>(frame, true, place);
}

/// The same, building the call in place from a factory.
template <class Make>
CXXDEFER_GLUE constexpr void heap_defer_made(record_list &frame, Make make) {
#if CXXDEFER_HAS_CONSTEXPR20
  if (constant_evaluation())
    return frame.link_const_made(make, false);
#endif
  using store = call_store<made_by<Make>, call_capacity>;
  auto place = [&](void *storage) { store::place_made(storage, make); };
  pooled<store>(frame, false, place);
}

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_POOL_H
