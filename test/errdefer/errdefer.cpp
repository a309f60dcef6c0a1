// `__errdefer(call);` is a defer statement whose call runs only if, when its
// turn comes, the function is being left by an exception that nothing has
// recovered: operands evaluated at the statement, LIFO with the function's
// other deferred calls, in every tier (the suite runs this file in each).
//
// RUN: %check_cxxdefer --std=c++14,c++17,c++20 %s %t

#include <cxxdefer.h>

#include <memory>
#include <stdexcept>

#include "../rewriter/Inputs/trace.h"

static void rollback(int Id) { traceInt("rollback", Id); }
static void closeTx(int Id) { traceInt("close", Id); }

// The transaction shape: rollback on failure only, close always.
static void transaction(int Id, bool Fail) {
  trace("begin");
  // The normal path does not run it: its slot's destructor does nothing;
  // the handler of its try region runs it, as the exception passes.
  // CHECK: ::cxxdefer::detail::err_slot cxxdefer_d[[#@LINE+1]]_3{::cxxdefer::detail::call{
  __errdefer(rollback(Id));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#@LINE+1]]_3{
  __defer(closeTx(Id));
  if (Fail)
    throw std::runtime_error("failed");
  trace("commit");
}

// Operands are evaluated at the statement, like __defer's.
static void operands(bool Fail) {
  int Id = 1;
  __errdefer(rollback(Id));
  Id = 2;
  if (Fail)
    throw 0;
}

// A recovery registered after it runs first, and stops it; one registered
// before it runs after it, and it sees the exception propagating.
static void recoveredFirst() {
  __errdefer(trace("errdefer: not run"));
  __defer([] {
    if (__recover())
      trace("recovered");
  }());
  throw 1;
}
static void recoveredLater() {
  __defer([] {
    if (__recover())
      trace("recovered after");
  }());
  __errdefer(trace("errdefer runs first"));
  throw 1;
}

// In a loop (heap-allocated in Go's classification), each iteration's.
static void loop(int N) {
  for (int I = 0; I < N; ++I)
    // CHECK: ::cxxdefer::detail::heap_errdefer(cxxdefer_frame{{[0-9_]+}}, ::cxxdefer::detail::call{
    __errdefer(traceInt("undo", I));
  throw 2;
}

// A call that owns a move-only operand: run, or destroyed unrun, in place
// (it cannot be copied out of its slot or record).
static void release(std::unique_ptr<int> P) { traceInt("release", *P); }
static void moveOnly(bool Fail) {
  std::unique_ptr<int> Owned(new int(10));
  __errdefer(release(std::move(Owned)));
  if (Fail)
    throw 7;
}
static void moveOnlyLoop(bool Fail) {
  for (int I = 11; I < 13; ++I)
    __errdefer(release(std::unique_ptr<int>(new int(I))));
  if (Fail)
    throw 8;
}

// A conditional one (deferBits).
static void conditional(bool Arm, bool Fail) {
  if (Arm)
    __errdefer(trace("armed and failed"));
  if (Fail)
    throw 3;
}

// It may recover itself.
static int recovers() {
  __errdefer([] {
    if (__recover())
      trace("errdefer recovered");
  }());
  throw 4;
}

// A deferred call that throws makes the function fail: an __errdefer
// registered before it runs.
static void deferredThrows() {
  __errdefer(trace("failed by a deferred call"));
  __defer([] { throw 5; }());
  trace("body done");
}

// In a deferred closure: the closure's own failure.
static void nested() {
  __defer([] {
    __errdefer(trace("closure failed"));
    throw 6;
  }());
}

// A function that returns normally from a deferred call that an exception
// runs: its own exit is normal, so its __errdefer does not run.
static void cleanupStep() {
  __errdefer(trace("cleanupStep failed: not run"));
  trace("cleanupStep returns");
}
static void failsWithCleanup() {
  __defer(cleanupStep());
  throw 9;
}

template <class F> static void expectThrow(const char *What, F &&Body) {
  try {
    Body();
    std::printf("%s: returned\n", What);
  } catch (...) {
    std::printf("%s: threw\n", What);
  }
}

int main() {
  // EXEC: begin
  // EXEC-NEXT: commit
  // EXEC-NEXT: close 7
  // EXEC-NEXT: ok: returned
  expectThrow("ok", [] { transaction(7, false); });
  // EXEC-NEXT: begin
  // EXEC-NEXT: close 8
  // EXEC-NEXT: rollback 8
  // EXEC-NEXT: failed: threw
  expectThrow("failed", [] { transaction(8, true); });
  // EXEC-NEXT: operands: returned
  expectThrow("operands", [] { operands(false); });
  // EXEC-NEXT: rollback 1
  // EXEC-NEXT: operands: threw
  expectThrow("operands", [] { operands(true); });
  // EXEC-NEXT: recovered
  // EXEC-NEXT: recoveredFirst: returned
  expectThrow("recoveredFirst", [] { recoveredFirst(); });
  // EXEC-NEXT: errdefer runs first
  // EXEC-NEXT: recovered after
  // EXEC-NEXT: recoveredLater: returned
  expectThrow("recoveredLater", [] { recoveredLater(); });
  // EXEC-NEXT: undo 2
  // EXEC-NEXT: undo 1
  // EXEC-NEXT: undo 0
  // EXEC-NEXT: loop: threw
  expectThrow("loop", [] { loop(3); });
  // EXEC-NEXT: moveOnly: returned
  expectThrow("moveOnly", [] { moveOnly(false); });
  // EXEC-NEXT: release 10
  // EXEC-NEXT: moveOnly: threw
  expectThrow("moveOnly", [] { moveOnly(true); });
  // EXEC-NEXT: moveOnlyLoop: returned
  expectThrow("moveOnlyLoop", [] { moveOnlyLoop(false); });
  // EXEC-NEXT: release 12
  // EXEC-NEXT: release 11
  // EXEC-NEXT: moveOnlyLoop: threw
  expectThrow("moveOnlyLoop", [] { moveOnlyLoop(true); });
  // EXEC-NEXT: conditional: threw
  expectThrow("conditional", [] { conditional(false, true); });
  // EXEC-NEXT: conditional: returned
  expectThrow("conditional", [] { conditional(true, false); });
  // EXEC-NEXT: armed and failed
  // EXEC-NEXT: conditional: threw
  expectThrow("conditional", [] { conditional(true, true); });
  // EXEC-NEXT: errdefer recovered
  // EXEC-NEXT: recovers 0
  traceInt("recovers", recovers());
  // EXEC-NEXT: body done
  // EXEC-NEXT: failed by a deferred call
  // EXEC-NEXT: deferredThrows: threw
  expectThrow("deferredThrows", [] { deferredThrows(); });
  // EXEC-NEXT: closure failed
  // EXEC-NEXT: nested: threw
  expectThrow("nested", [] { nested(); });
  // EXEC-NEXT: cleanupStep returns
  // EXEC-NEXT: failsWithCleanup: threw
  expectThrow("failsWithCleanup", [] { failsWithCleanup(); });
}
