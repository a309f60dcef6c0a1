// A call through a function pointer copies the pointer at the defer
// statement (SPEC 2.3): assigning another function to the pointer later
// does not change the function called at exit.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void one(int N) { traceInt("one", N); }
static void two(int N) { traceInt("two", N); }

static void run() {
  void (*Fp)(int) = &one;
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_value{::cxxdefer::detail::val(Fp), ::cxxdefer::detail::val(1)}); try {
  __defer(Fp(1));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_value{::cxxdefer::detail::val((*Fp)), ::cxxdefer::detail::val(2)}); try {
  __defer((*Fp)(2));
  Fp = &two;
  Fp(3);
}

int main() {
  run();
  return 0;
}

// EXEC:      two 3
// EXEC-NEXT: one 2
// EXEC-NEXT: one 1
// EXEC-EMPTY:
