// A deferred call through a null function pointer fails when it is invoked
// at exit, not at the defer statement (SPEC 2.3, Go's test/defernil.go):
// the code after the defer statement runs, the function's other deferred
// calls still run, and the caller catches cxxdefer::null_call. An empty
// std::function fails as it would when called.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/trace.h"

static int X = 0;

static void throughNull() {
  void (*Fp)() = nullptr;
  __defer(trace("earlier deferred call runs"));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_value{::cxxdefer::detail::val(Fp)}); try {
  __defer(Fp());
  X = 1;
  trace("after the defer statement");
}

static void throughEmptyFunction() {
  std::function<void(int)> F;
  __defer(F(1));
  trace("after the second defer statement");
}

int main() {
  try {
    throughNull();
    trace("not reached");
  } catch (const cxxdefer::null_call &E) {
    std::printf("caught null_call, x = %d\n", X);
  }
  try {
    throughEmptyFunction();
    trace("not reached");
  } catch (const std::bad_function_call &) {
    trace("caught bad_function_call");
  }
  return 0;
}

// EXEC:      after the defer statement
// EXEC-NEXT: earlier deferred call runs
// EXEC-NEXT: caught null_call, x = 1
// EXEC-NEXT: after the second defer statement
// EXEC-NEXT: caught bad_function_call
// EXEC-EMPTY:
