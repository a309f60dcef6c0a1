// Replaces the global operator new to count the calls (the record pool's
// allocations; an exception object is allocated elsewhere, not here).
#ifndef CXXDEFER_TEST_COUNT_ALLOCATIONS_H
#define CXXDEFER_TEST_COUNT_ALLOCATIONS_H

#include <atomic>
#include <cstdlib>
#include <new>

static std::atomic<long> Allocations{0};

void *operator new(std::size_t Size) {
  ++Allocations;
  if (void *P = std::malloc(Size ? Size : 1))
    return P;
  throw std::bad_alloc();
}
void operator delete(void *P) noexcept { std::free(P); }
void operator delete(void *P, std::size_t) noexcept { std::free(P); }

#endif
