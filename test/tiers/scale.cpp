// Scale (issue 3): one defer statement executed 10^6 times in one call, and
// deep recursion with defer statements at every level. Every call runs,
// once, newest first, in every tier.
//
// RUN: %cxxdefer %s -- -std=c++17 -O2 > %t.cpp
// RUN: %clangxx -std=c++17 -O2 -Wall -Wextra -Werror -I%cxxdefer_include %t.cpp -o %t.clang && %t.clang | %FileCheck %s
// RUN: %gxx -std=c++17 -O2 -Wall -Wextra -Werror -I%cxxdefer_include %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s
// RUN: %plugin_cxx -std=c++17 -O2 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s

#include <cxxdefer.h>

#include <cstdio>

static long Expected = 0; // the value the next deferred call must see
static long Ran = 0;
static bool InOrder = true;

static void expect(long Value) {
  InOrder = InOrder && Value == Expected;
  --Expected;
  ++Ran;
}

static void million() {
  for (long I = 0; I < 1000000; ++I)
    __defer(expect(I));
  Expected = 999999;
}

static int depth(int N) {
  if (N == 0) {
    Expected = 0;
    return 0;
  }
  __defer(expect(N - 1));
  int Below = depth(N - 1);
  Expected = N - 1;
  return Below + 1;
}

static int loopDepth(int N) {
  if (N == 0) {
    Expected = 2;
    return 0;
  }
  for (int I = 0; I < 3; ++I)
    __defer(expect(I));
  int Below = loopDepth(N - 1);
  Expected = 2;
  return Below + 1;
}

int main() {
  million();
  std::printf("million: ran %ld, in order %d\n", Ran, InOrder);
  Ran = 0;
  InOrder = true;
  int Levels = depth(20000);
  std::printf("recursion: %d levels, ran %ld, in order %d\n", Levels, Ran,
              InOrder);
  Ran = 0;
  InOrder = true;
  Levels = loopDepth(5000);
  std::printf("loop recursion: %d levels, ran %ld, in order %d\n", Levels, Ran,
              InOrder);
  return 0;
}

// CHECK:      million: ran 1000000, in order 1
// CHECK-NEXT: recursion: 20000 levels, ran 20000, in order 1
// CHECK-NEXT: loop recursion: 5000 levels, ran 15000, in order 1
// CHECK-EMPTY:
