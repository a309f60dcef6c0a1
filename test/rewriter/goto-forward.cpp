// A forward `goto` past a defer statement skips it: its deferred call does
// not run (SPEC 2.9). Its slot is declared unarmed before the goto.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run(bool Skip) {
  __defer(trace("first deferred"));
  // CHECK: ::cxxdefer::detail::cond_slot<0> cxxdefer_d[[@LINE+4]]_3({{.*}}); try { if (Skip)
  if (Skip)
    goto done;
  // CHECK: cxxdefer_d[[@LINE+1]]_3.arm({{.*}});
  __defer(trace("second deferred"));
  trace("not skipped");
done:
  trace("at label");
}

int main() {
  run(true);
  trace("--");
  run(false);
  return 0;
}

// EXEC:      at label
// EXEC-NEXT: first deferred
// EXEC-NEXT: --
// EXEC-NEXT: not skipped
// EXEC-NEXT: at label
// EXEC-NEXT: second deferred
// EXEC-NEXT: first deferred
// EXEC-EMPTY:
