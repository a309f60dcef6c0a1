// A temporary of a type that can be neither copied nor moved, bound to a
// reference parameter, is made at the defer statement and lives until the
// deferred call has run (SPEC 2.3). A direct call accepts it in every
// supported standard, so a deferred one must too.
//
// XFAIL: *
// The rewriter keeps it as `val(NonMovable(7))`: value_arg<T> is
// initialised from an rvalue reference and then moved into the bound call
// and its tuple, which needs a move constructor ("use of deleted function
// 'NonMovable::NonMovable(NonMovable&&)'"). Keeping such a temporary needs
// in-place construction (guaranteed copy elision from a prvalue) all the
// way into the slot.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct NonMovable {
  explicit NonMovable(int V) : V(V) { traceInt("ctor", V); }
  NonMovable(const NonMovable &) = delete;
  NonMovable(NonMovable &&) = delete;
  ~NonMovable() { traceInt("dtor", V); }
  int V;
};

static void show(const NonMovable &N) { traceInt("show", N.V); }

int main() {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}show({{.*}}NonMovable(7){{.*}}; try {
  __defer(show(NonMovable(7)));
  trace("body");
  return 0;
}

// EXEC:      ctor 7
// EXEC-NEXT: body
// EXEC-NEXT: show 7
// EXEC-NEXT: dtor 7
// EXEC-EMPTY:
