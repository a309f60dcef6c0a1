// Mirrors runtime/defer_test.go TestConditionalDefers: defer statements in
// nested `if`/`else` register only when they execute, and run LIFO during
// the propagation; the caller's deferred closure recovers the panic and
// checks the list. With n = 8 Go wants [4, 2, 1]. Sub-cases not in Go:
// n = 9 takes the other branch ([3, 2, 1]) and n = 3 registers only the
// first ([1]). (test/rewriter/conditional-defers.cpp checks the order
// without recover().)
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <vector>

#include "Inputs/panic.h"

static std::vector<int> List;

static void testConditionalDefers(int N) {
  auto DoAppend = [](int I) { List.push_back(I); };

  __defer(DoAppend(1));
  if (N > 5) {
    __defer(DoAppend(2));
    if (N > 8) {
      __defer(DoAppend(3));
    } else {
      __defer(DoAppend(4));
    }
  }
  throw "testConditional";
}

static void testConditional(int N) {
  List.clear();
  __defer([&] {
    std::printf("n = %d: ", N);
    show("recover", __recover());
    std::printf("list:");
    for (int I : List)
      std::printf(" %d", I);
    std::printf("\n");
  }());
  testConditionalDefers(N);
  trace("not reached");
}

int main() {
  testConditional(8);
  testConditional(9);
  testConditional(3);
  trace("returned normally");
  return 0;
}

// EXEC:      n = 8: recover: "testConditional"
// EXEC-NEXT: list: 4 2 1
// EXEC-NEXT: n = 9: recover: "testConditional"
// EXEC-NEXT: list: 3 2 1
// EXEC-NEXT: n = 3: recover: "testConditional"
// EXEC-NEXT: list: 1
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
