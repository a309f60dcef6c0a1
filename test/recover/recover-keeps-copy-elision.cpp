// A function that can recover but never names `__result` keeps guaranteed
// copy elision (issue 4 item 1, SPEC 2.4): it may return a type that can be
// neither copied nor moved, its return object is built in place on the
// normal path, and after a recovery it returns a value-initialised object,
// also built in place (SPEC 3.2). Returning a type that can be neither
// copied nor moved needs C++17's guaranteed elision, so the test runs from
// C++17 on.
//
// RUN: %check_cxxdefer --std=c++17,c++20 %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

/// Neither copyable nor movable; prints where it is built.
struct Pinned {
  Pinned() { trace("Pinned() value-initialised"); }
  explicit Pinned(int V) : V(V) { traceInt("Pinned(int)", V); }
  Pinned(const Pinned &) = delete;
  Pinned(Pinned &&) = delete;
  ~Pinned() { traceInt("~Pinned", V); }
  int V = 0;
};

static void mayThrow(int N) {
  if (N < 0)
    throw N;
}

// The body is wrapped in a block and the return statement stays: after a
// recovery the handler jumps past the block to a second return statement,
// which builds the value-initialised Pinned in place.
// CHECK: {{^}}static Pinned make(int N) { (void)::cxxdefer::detail::abi_check<7>{}; {{[{]$}}
static Pinned make(int N) {
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[] { show("make's deferred call", __recover()); }}}}; try {
  __defer([] { show("make's deferred call", __recover()); }());
  mayThrow(N);
  // CHECK: {{^}}  return Pinned(N);
  return Pinned(N);
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(::cxxdefer::detail::recovery<::Pinned>::possible)) ::cxxdefer::detail::rethrow(); } } return ::cxxdefer::detail::recovery<::Pinned>::value(); }{{$}}

int main() {
  {
    Pinned A = make(5);
    traceInt("A.V", A.V);
  }
  {
    Pinned B = make(-1);
    traceInt("B.V", B.V);
  }
  return 0;
}

// EXEC:      Pinned(int) 5
// EXEC-NEXT: make's deferred call: nil
// EXEC-NEXT: A.V 5
// EXEC-NEXT: ~Pinned 5
// EXEC-NEXT: make's deferred call: -1
// EXEC-NEXT: Pinned() value-initialised
// EXEC-NEXT: B.V 0
// EXEC-NEXT: ~Pinned 0
// EXEC-EMPTY:
