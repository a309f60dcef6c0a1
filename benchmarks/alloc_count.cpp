//===- benchmarks/alloc_count.cpp - Count heap allocations ----------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The heap-allocated tier promises no allocation in steady state, so the
/// benchmark binary counts allocations. It does so one level below
/// operator new: this file defines malloc and its siblings in the
/// executable, which the dynamic linker then binds for every library too
/// (libstdc++'s operator new calls malloc, so `new` is counted, and so is a
/// runtime that calls malloc directly). Each definition counts, then
/// forwards to glibc's own allocator through its exported __libc_* entry
/// points, so every pointer still belongs to glibc's heap: free,
/// malloc_usable_size and everything else need no replacement.
///
/// The counter is a relaxed atomic: the driver reads it around a loop on
/// one thread, and a runtime's background or pool threads must not race.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <atomic>
#include <cerrno>
#include <cstddef>

extern "C" {
void *__libc_malloc(std::size_t);
void *__libc_calloc(std::size_t, std::size_t);
void *__libc_realloc(void *, std::size_t);
void *__libc_memalign(std::size_t, std::size_t);
void *__libc_valloc(std::size_t);
void *__libc_pvalloc(std::size_t);
}

namespace {
std::atomic<std::uint64_t> g_allocations{0};
inline void count() { g_allocations.fetch_add(1, std::memory_order_relaxed); }
} // namespace

std::uint64_t bench::allocations() {
  return g_allocations.load(std::memory_order_relaxed);
}

extern "C" {

void *malloc(std::size_t n) {
  count();
  return __libc_malloc(n);
}

void *calloc(std::size_t n, std::size_t size) {
  count();
  return __libc_calloc(n, size);
}

void *realloc(void *p, std::size_t n) {
  count();
  return __libc_realloc(p, n);
}

void *memalign(std::size_t align, std::size_t n) {
  count();
  return __libc_memalign(align, n);
}

void *aligned_alloc(std::size_t align, std::size_t n) {
  count();
  return __libc_memalign(align, n);
}

int posix_memalign(void **out, std::size_t align, std::size_t n) {
  if (align < sizeof(void *) || (align & (align - 1)) != 0)
    return EINVAL;
  count();
  void *p = __libc_memalign(align, n);
  if (!p)
    return ENOMEM;
  *out = p;
  return 0;
}

void *valloc(std::size_t n) {
  count();
  return __libc_valloc(n);
}

void *pvalloc(std::size_t n) {
  count();
  return __libc_pvalloc(n);
}

} // extern "C"
