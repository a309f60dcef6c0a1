// Mirrors test/recover.go test6 and test6WithClosures: deferred functions
// with very large frames (Go: a 100000-int array, which makes the deferred
// call grow the stack first) still recover correctly: the one that runs
// first gets the exception, the other null. C++ stacks do not move, but
// the large frame sits between the deferred call and its bookkeeping all
// the same.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

static void big(bool MustRecover) {
  volatile int X[100000];
  X[0] = 1;
  X[99999] = 1;
  if (X[0] + X[99999] != 2)
    trace("bad frame");
  std::printf("big(%s): ", MustRecover ? "true" : "false");
  show("recover", __recover());
}

static void test6() {
  __defer(big(false));
  __defer(big(true));
  throw 6;
}

static void test6WithClosures() {
  __defer([] {
    volatile int X[100000];
    X[0] = 1;
    X[99999] = 1;
    if (X[0] + X[99999] != 2)
      trace("bad frame");
    show("first closure (Go: no recover)", __recover());
  }());
  __defer([] {
    volatile int X[100000];
    X[0] = 1;
    X[99999] = 1;
    if (X[0] + X[99999] != 2)
      trace("bad frame");
    show("second closure (Go: recover)", __recover());
  }());
  throw "6WithClosures";
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
  run("test6", test6);
  run("test6WithClosures", test6WithClosures);
  return 0;
}

// EXEC:      -- test6
// EXEC-NEXT: big(true): recover: 6
// EXEC-NEXT: big(false): recover: nil
// EXEC-NEXT: returned normally
// EXEC-NEXT: -- test6WithClosures
// EXEC-NEXT: second closure (Go: recover): "6WithClosures"
// EXEC-NEXT: first closure (Go: no recover): nil
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
