// An operand that throws at the defer statement ends the statement before
// anything is deferred (SPEC 2.3: the operands are evaluated there): the
// call is never made, the earlier deferred calls run during the
// propagation, and an operand already made is destroyed.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

static int failing() {
  trace("operand throws");
  throw std::runtime_error("operand");
}

static void take(const Tracked &T, int N) { std::printf("take %s %d\n", T.Name, N); }

static void run(bool Nested) {
  __defer(trace("earlier deferred call runs"));
  if (Nested) {
    // CHECK: cxxdefer_d[[@LINE+1]]_5.arm({{.*}}val(Tracked("nested")), ::cxxdefer::detail::val(failing())});
    __defer(take(Tracked("nested"), failing()));
  }
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}val(Tracked("top")), ::cxxdefer::detail::val(failing())}); try {
  __defer(take(Tracked("top"), failing()));
  trace("not reached");
}

int main() {
  for (bool Nested : {true, false}) {
    try {
      run(Nested);
    } catch (const std::runtime_error &E) {
      std::printf("caught %s\n", E.what());
    }
  }
  return 0;
}

// The temporary made first may be moved into its binder (`move`, then a
// `dtor` for the moved-from shell); both are destroyed before the earlier
// deferred call runs.
// EXEC:      ctor nested
// EXEC:      operand throws
// EXEC-NEXT: dtor nested
// EXEC-NOT:  take
// EXEC:      earlier deferred call runs
// EXEC-NEXT: caught operand
// EXEC-NEXT: ctor top
// EXEC:      operand throws
// EXEC-NEXT: dtor top
// EXEC-NOT:  take
// EXEC:      earlier deferred call runs
// EXEC-NEXT: caught operand
// EXEC-EMPTY:
