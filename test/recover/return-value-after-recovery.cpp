// After a recovery a function returns what its results hold (SPEC 2.6,
// 3.2): for a trivially copyable result the value its `return e;` set, as
// later deferred calls left it - Go's answer (no copy elision is at stake,
// so cxxdefer names the result). A result with a copy to elide is built in
// place, and after a recovery is value-initialised instead; a remark at
// the function says so (-Rpass-analysis=defer).
//
// RUN: %check_cxxdefer %s %t
// RUN: %plugin_cxx -std=c++17 -Rpass-analysis=defer -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=REMARK
// RUN: %cxxdefer --remarks %s -- -std=c++17 2>&1 >/dev/null | %FileCheck %s --check-prefix=REMARK

#include <cxxdefer.h>

#include <string>

#include "../rewriter/Inputs/trace.h"

static void recoverIt() {
  if (__recover())
    trace("recovered");
}

// CHECK: static int scalar() { int cxxdefer_result{}; {
static int scalar() {
  __defer(recoverIt());
  __defer([] { throw 7; }());
  int X = 5;
  // CHECK: { cxxdefer_result = X; goto cxxdefer_return; }
  return X;
}

static const char *pointer() {
  __defer(recoverIt());
  __defer([] { throw 7; }());
  return "pointer";
}

struct Pair {
  int A, B;
};

static Pair plain() {
  __defer(recoverIt());
  __defer([] { throw 7; }());
  return Pair{1, 2};
}

static int changedLater() {
  int Extra = 0;
  __defer([&] {
    if (__recover())
      Extra = 10;
  }());
  __defer([] { throw 7; }());
  __defer([&] { Extra = 1; }());
  return 5 + Extra;
}

// REMARK: return-value-after-recovery.cpp:[[@LINE+1]]:20: remark: after a recovery this function returns a value-initialised '::std::string'
static std::string elided() {
  __defer(recoverIt());
  __defer([] { throw 7; }());
  return "elided";
}

int main() {
  traceInt("scalar", scalar());
  std::printf("pointer %s\n", pointer());
  Pair P = plain();
  std::printf("plain %d %d\n", P.A, P.B);
  traceInt("changed later", changedLater());
  std::printf("elided '%s'\n", elided().c_str());
  return 0;
}

// EXEC:      recovered
// EXEC-NEXT: scalar 5
// EXEC-NEXT: recovered
// EXEC-NEXT: pointer pointer
// EXEC-NEXT: recovered
// EXEC-NEXT: plain 1 2
// EXEC-NEXT: changed later 5
// EXEC-NEXT: recovered
// EXEC-NEXT: elided ''
// EXEC-EMPTY:
