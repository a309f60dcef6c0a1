#include "guard.h"

void helper(int N);

int main() {
  __defer(std::puts("main: deferred"));
  std::puts("main: start");
  helper(1);
  guarded("main", [] { std::puts("main: end"); });
  return 0;
}
