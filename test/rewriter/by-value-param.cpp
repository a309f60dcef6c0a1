// A by-value parameter of a deferred call is initialised at the defer
// statement (SPEC 2.3): a later change to the argument is not seen, and a
// class-type argument is copied then, not at the function's return.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Box {
  int Value;
};

static void showInt(int N) { traceInt("showInt", N); }
static void showBox(Box B) { traceInt("showBox", B.Value); }
static void showTracked(Tracked T) { T.use("showTracked"); }

static void run() {
  int N = 1;
  Box B{10};
  Tracked T("t");
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}showInt({{.*}}::cxxdefer::detail::val(N)}); try {
  __defer(showInt(N));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}showBox({{.*}}::cxxdefer::detail::val(B)}); try {
  __defer(showBox(B));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}showTracked({{.*}}::cxxdefer::detail::val(T)}); try {
  __defer(showTracked(T));
  trace("after defer statements");
  N = 2;
  B.Value = 20;
  T.Name = "changed";
  traceInt("body", N);
}

int main() {
  run();
  return 0;
}

// The copy is made at the defer statement (the saved value may then be
// moved around, which prints `move t`), and no copy is made at exit.
// EXEC:      ctor t
// EXEC-NEXT: copy t
// EXEC-NOT:  copy
// EXEC:      after defer statements
// EXEC-NEXT: body 2
// EXEC-NOT:  copy
// EXEC:      use t in showTracked
// EXEC:      showBox 10
// EXEC-NEXT: showInt 1
// EXEC-NEXT: dtor changed
// EXEC-EMPTY:
