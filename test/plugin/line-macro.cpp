// SPEC 5.1: __LINE__ and assert messages name the user's line, also after
// a defer statement that spans lines and on the line of one.
//
// RUN: %plugin_cxx -std=c++17 %s -o %t
// RUN: %t | FileCheck --check-prefix=LINE %s
// RUN: not --crash %t fail 2>&1 | FileCheck --check-prefix=ASSERT %s

#include <cxxdefer.h>
#include <cassert>
#include <cstdio>
#include <cstring>

void report(int Line) { std::printf("deferred from line %d\n", Line); }

int main(int argc, char **argv) {
  __defer(report(
      __LINE__));
  std::printf("line %d\n", __LINE__);
  bool Fail = argc > 1 && std::strcmp(argv[1], "fail") == 0;
  __defer(report(__LINE__)); assert(!Fail && "asked to fail");
  return 0;
}

// LINE:      line 18
// LINE-NEXT: deferred from line 20
// LINE-NEXT: deferred from line 17
// ASSERT: line-macro.cpp:20: int main(int, char **): Assertion `!Fail && "asked to fail"' failed.
