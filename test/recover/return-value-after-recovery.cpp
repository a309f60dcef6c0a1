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
  // The body's last statement falls off to the single exit: no goto.
  // CHECK: {{^}}  { cxxdefer_result = X; }{{$}}
  return X;
}
// Nothing jumps to the exit, so there is no label (-Wunused-label), and a
// handler whose call recovered falls off its end to the same place.
// CHECK: {{^}}} catch (...) { {{.*}} } catch (...) { if (!cxxdefer_d{{[0-9]+}}_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } return cxxdefer_result; }{{$}}

// An earlier return jumps to the label; the last one falls off to it.
// CHECK: {{^}}static int early(bool First) { int cxxdefer_result{}; {
static int early(bool First) {
  __defer(recoverIt());
  __defer([] { throw 7; }());
  if (First)
    // CHECK: {{^}}    { cxxdefer_result = 1; goto cxxdefer_return; }{{$}}
    return 1;
  // CHECK: {{^}}  { cxxdefer_result = 2; }{{$}}
  return 2;
}
// CHECK: {{^}}} catch (...) { {{.*}} } catch (...) { if (!cxxdefer_d{{[0-9]+}}_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } cxxdefer_return: return cxxdefer_result; }{{$}}

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
  traceInt("early", early(true));
  traceInt("late", early(false));
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
// EXEC-NEXT: early 1
// EXEC-NEXT: recovered
// EXEC-NEXT: late 2
// EXEC-NEXT: recovered
// EXEC-NEXT: pointer pointer
// EXEC-NEXT: recovered
// EXEC-NEXT: plain 1 2
// EXEC-NEXT: changed later 5
// EXEC-NEXT: recovered
// EXEC-NEXT: elided ''
// EXEC-EMPTY:
