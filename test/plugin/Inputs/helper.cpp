#include "guard.h"

void helper(int N) {
  __defer(std::printf("helper: deferred %d\n", N));
  guarded("helper", [] { std::puts("helper: work 1"); });
}
