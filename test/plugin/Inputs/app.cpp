// The README's quick-start program, with a user header that defers too.
#include <cxxdefer.h>
#include <cstdio>
#include "guard.h"

int main() {
  std::FILE *f = std::fopen(__FILE__, "r");
  if (!f) return 1;
  __defer(std::fclose(f));         // runs at every return from main
  __defer(std::puts("second"));    // deferred calls run last-in-first-out
  guarded("main", [] { std::puts("first"); });
  std::printf("line %d\n", __LINE__);
  return 0;
}
