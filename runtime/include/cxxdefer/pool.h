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
///   - `global_records()`: the shared pool, a free list under a mutex.
///     The cold paths (refill / spill) take the lock once per
///     `batch` records.
///   - `cache_owner`: a thread_local with a destructor, touched only on
///     the first refill of a thread, that gives the thread's cache back to
///     the global pool when the thread ends (Go: a P's cache is flushed by
///     the garbage collector; C++ has only thread exit).
///   - The global pool frees every record when the program ends (after
///     the main thread's cache went back to it), so nothing is reported as
///     leaked or still reachable. A thread that outlives the static
///     destructors frees its records directly.
///
/// A pooled record holds its call in place when it fits record_capacity,
/// else in a heap block (which then is one allocation per defer statement
/// executed; see docs/limitations.md).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_POOL_H
#define CXXDEFER_POOL_H

#include "cxxdefer/chain.h"
#include <mutex>
#include <utility>

namespace cxxdefer {
namespace detail {

/// Records a thread's cache holds at most; it refills and spills half.
constexpr unsigned cache_capacity = 32;
constexpr unsigned batch = cache_capacity / 2;

struct record_list {
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
inline record_list &thread_records() noexcept {
  static thread_local record_list cache;
  return cache;
}

/// The global pool (Go's sched.deferpool).
class global_pool {
public:
  /// Moves up to \p n records to \p to; allocates what the pool lacks.
  void take(record_list &to, unsigned n) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      while (n && free_.first) {
        to.push(free_.pop());
        --n;
      }
    }
    for (; n; --n)
      to.push(new record);
  }

  /// Moves \p n records from \p from to the pool.
  void give(record_list &from, unsigned n) noexcept {
    if (closed()) {
      for (; n; --n)
        delete from.pop();
      return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    for (; n; --n)
      free_.push(from.pop());
  }

  ~global_pool() {
    closed() = true;
    while (free_.first)
      delete free_.pop();
  }

private:
  std::mutex mutex_;
  record_list free_;

  /// Set once the pool is destroyed; a plain bool outlives it.
  static bool &closed() noexcept {
    static bool is_closed = false;
    return is_closed;
  }
};

inline global_pool &global_records() {
  static global_pool pool;
  return pool;
}

/// Gives this thread's cache back to the global pool when the thread ends.
struct cache_owner {
  ~cache_owner() {
    record_list &cache = thread_records();
    global_records().give(cache, cache.count);
  }
};

/// Go's newdefer refill: half a cache from the global pool. Cold.
[[gnu::noinline]] inline void refill(record_list &cache) {
  static thread_local cache_owner owner; // registers the thread-exit flush
  (void)owner;
  global_records().take(cache, batch);
}

/// Go's freedefer spill: half a cache to the global pool. Cold.
[[gnu::noinline]] inline void spill(record_list &cache) {
  global_records().give(cache, batch);
}

inline record *new_record() {
  record_list &cache = thread_records();
  if (__builtin_expect(cache.first == nullptr, 0))
    refill(cache);
  return cache.pop();
}

inline void free_record(record *r) noexcept {
  record_list &cache = thread_records();
  if (__builtin_expect(cache.count == cache_capacity, 0))
    spill(cache);
  cache.push(r);
}

/// Runs and destroys a pooled record's call, then gives the record back.
template <class Store> void run_and_free(record *r) {
  struct free_after {
    record *r;
    ~free_after() { free_record(r); }
  } guard{r};
  Store::run(r->storage);
}

/// A heap-allocated defer statement (Go's deferproc): takes a record from
/// the pool, stores the bound call in it and links it into the chain.
template <class Call> void heap_defer(Call call) {
  using store = call_store<Call, record_capacity>;
  record *r = new_record();
  struct free_unless_linked {
    record *r;
    ~free_unless_linked() {
      if (r)
        free_record(r);
    }
  } guard{r};
  store::place(r->storage, std::move(call));
  r->run = &run_and_free<store>;
  link_record(r);
  guard.r = nullptr;
}

} // namespace detail
} // namespace cxxdefer

#endif // CXXDEFER_POOL_H
