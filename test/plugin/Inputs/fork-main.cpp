// The fork path's main input: only this file mentions the extension, and
// only after its #include block. A user header comes after the first
// function too (the compile enters it after the fork), and __LINE__ and a
// warning after a rewritten function must keep their lines.
#include <cstdio>
#include <cxxdefer.h>
#include <string>

int counted(int N) {
  __defer(std::printf("counted: deferred, result %d\n", __result));
  __result = N;
  return N + 1;
}

#include "plain.h"

int line() {
  __defer(std::puts("line: deferred"));
  return __LINE__;
}

int main() {
  int Unused = 0;
  std::printf("counted %d\n", counted(twice(20)));
  std::printf("line %d\n", line());
  return 0;
}
