// The closure forms of Go's tests that defer a closure whose body has
// defer statements of its own, as Go writes them:
//   1. runtime/defer_test.go TestRecoverMatching (go-recover-matching.cpp
//      has it with named functions);
//   2. test/recover1.go test1 (go-recover1-sequential.cpp);
//   3. runtime/defer_test.go TestIssue43921's deferred closure
//      (go-issue43921.cpp), here without the loop.
// Each deferred closure's body is its own function body with its own
// deferred calls (SPEC 2.8), which run when the closure returns, normally
// or by an exception.
//
// A C++17 lambda is implicitly constexpr; only a written `constexpr`
// makes the rewrite treat a function as constexpr (FindSites.cpp), so the
// closure's own defer statements are rewritten in every mode.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static void mustRecover(int X) {
  traceInt("mustRecover", X);
  show("  __recover()", __recover());
  show("  __recover() again", __recover());
}

static void testRecoverMatching() {
  __defer([] { show("A wants \"panic1\"", __recover()); }());
  __defer([] {
    __defer([] { show("C wants nil", __recover()); }());
  }());
  throw "panic1";
}

static void recover1Test1() {
  __defer(mustRecover(1));
  __defer([] {
    __defer(mustRecover(2));
    panicWith(2);
  }());
  panicWith(1);
}

static void issue43921() {
  __defer([] { show("wants 1", __recover()); }());
  [] {
    __defer([] {
      __defer([] { show("wants 4", __recover()); }());
      panicWith(4);
    }());
    panicWith(1);
  }();
}

static void run(const char *Label, void (*F)()) {
  std::printf("-- %s\n", Label);
  try {
    F();
    trace("returned normally");
  } catch (...) {
    showCaught("exception escaped");
  }
}

int main() {
  run("TestRecoverMatching", testRecoverMatching);
  run("recover1.go test1", recover1Test1);
  run("TestIssue43921", issue43921);
  return 0;
}

// EXEC:      -- TestRecoverMatching
// EXEC-NEXT: C wants nil: nil
// EXEC-NEXT: A wants "panic1": "panic1"
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- recover1.go test1
// EXEC-NEXT: mustRecover 2
// EXEC-NEXT:   __recover(): 2
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: mustRecover 1
// EXEC-NEXT:   __recover(): 1
// EXEC-NEXT:   __recover() again: nil
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- TestIssue43921
// EXEC-NEXT: wants 4: 4
// EXEC-NEXT: wants 1: 1
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
