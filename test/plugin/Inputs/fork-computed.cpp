// An #include whose name is a macro: the scan cannot follow it. The
// compile searches the header when it enters it; with COMPUTED_GUARD that
// header (guard.h) defers too, before the fork point, and the nested
// pre-parse takes over.
#include <cxxdefer.h>
#include <cstdio>
#ifdef COMPUTED_GUARD
#define COMPUTED_HEADER "guard.h"
#else
#define COMPUTED_HEADER "plain.h"
#endif
#include COMPUTED_HEADER

int main() {
  __defer(std::puts("deferred"));
#ifdef COMPUTED_GUARD
  guarded("main", [] { std::puts("body"); });
  return 0;
#else
  return twice(21) == 42 ? 0 : 1;
#endif
}
