// Built by test/install/find-package.test through find_package(cxxdefer).
#include <cxxdefer.h>

#include <cstdio>

static int work(int Steps) {
  __defer(std::puts("deferred first, runs last"));
  if (Steps == 0)
    return 1;
  __defer(std::puts("deferred second, runs first"));
  std::puts("body");
  return 0;
}

int main() {
  int Early = work(0);
  int Full = work(1);
  std::printf("results %d %d\n", Early, Full);
  return 0;
}
