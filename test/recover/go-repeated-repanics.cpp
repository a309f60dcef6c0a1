// Mirrors runtime/defer_test.go TestDeferWithRepeatedRepanics (Go issue
// 37664): a recursive interpreter(level, maxlevel, rec) defers a closure
// that recovers and panics again with the same value unless the value is
// its own level; the deepest level panics rec. After each run,
// recurseFnPanicRec recurses ten levels with a 40-word array in each frame
// and panics under a recovering deferred call, which would trip over any
// stale record of a deferred call left behind by the re-panics.
// The re-panic is std::rethrow_exception of the recovered exception_ptr.
// Where Go's closures return silently, these print what they saw.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <cstdint>

#include "Inputs/panic.h"

static int intValue(const std::exception_ptr &E) {
  try {
    std::rethrow_exception(E);
  } catch (int N) {
    return N;
  } catch (...) {
    return -1;
  }
}

static void interpreter(int Level, int MaxLevel, int Rec) {
  __defer([&] {
    std::exception_ptr E = __recover();
    if (!E) {
      std::printf("level %d: nil\n", Level);
      return;
    }
    int V = intValue(E);
    if (Level != V) {
      std::printf("level %d re-panics %d\n", Level, V);
      std::rethrow_exception(E);
    }
    std::printf("level %d recovers %d\n", Level, V);
  }());
  if (Level + 1 < MaxLevel) {
    interpreter(Level + 1, MaxLevel, Rec);
  } else {
    std::printf("level %d panics %d\n", Level, Rec);
    throw Rec;
  }
}

static volatile std::uint32_t SaveInt;

static void recurseFn(int Level, int MaxLevel) {
  volatile std::uint32_t A[40];
  for (int I = 0; I < 40; ++I)
    A[I] = 0xffffffff;
  if (Level + 1 < MaxLevel) {
    SaveInt = A[4];
    recurseFn(Level + 1, MaxLevel);
  } else {
    throw "recurseFn panic";
  }
}

static void recurseFnPanicRec(int Level, int MaxLevel) {
  __defer([] { show("recurseFnPanicRec", __recover()); }());
  recurseFn(Level, MaxLevel);
}

int main() {
  trace("-- interpreter(0, 6, 2)");
  interpreter(0, 6, 2);
  recurseFnPanicRec(0, 10);
  trace("-- interpreter(0, 5, 1)");
  interpreter(0, 5, 1);
  recurseFnPanicRec(0, 10);
  trace("-- interpreter(0, 6, 3)");
  interpreter(0, 6, 3);
  recurseFnPanicRec(0, 10);
  trace("returned normally");
  return 0;
}

// Levels 0..maxlevel-1; the deepest panics rec; every level above rec
// re-panics, level rec recovers, the levels below it find nothing.
// EXEC:      -- interpreter(0, 6, 2)
// EXEC-NEXT: level 5 panics 2
// EXEC-NEXT: level 5 re-panics 2
// EXEC-NEXT: level 4 re-panics 2
// EXEC-NEXT: level 3 re-panics 2
// EXEC-NEXT: level 2 recovers 2
// EXEC-NEXT: level 1: nil
// EXEC-NEXT: level 0: nil
// EXEC-NEXT: recurseFnPanicRec: "recurseFn panic"
// EXEC-NEXT: -- interpreter(0, 5, 1)
// EXEC-NEXT: level 4 panics 1
// EXEC-NEXT: level 4 re-panics 1
// EXEC-NEXT: level 3 re-panics 1
// EXEC-NEXT: level 2 re-panics 1
// EXEC-NEXT: level 1 recovers 1
// EXEC-NEXT: level 0: nil
// EXEC-NEXT: recurseFnPanicRec: "recurseFn panic"
// EXEC-NEXT: -- interpreter(0, 6, 3)
// EXEC-NEXT: level 5 panics 3
// EXEC-NEXT: level 5 re-panics 3
// EXEC-NEXT: level 4 re-panics 3
// EXEC-NEXT: level 3 recovers 3
// EXEC-NEXT: level 2: nil
// EXEC-NEXT: level 1: nil
// EXEC-NEXT: level 0: nil
// EXEC-NEXT: recurseFnPanicRec: "recurseFn panic"
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
