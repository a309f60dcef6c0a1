// fork-site.h defers, and so does this file: the compile forks twice, in
// the header where its code begins, then after this file's #include
// block (fork-header.test).
#include "fork-site-outer.h"
#include <cstdio>

static int counted(int N) {
  __defer(std::puts("counted: deferred"));
  __result = N;
  return N + 1;
}

int main() {
  std::mutex M;
  std::printf("locked %d\n", site::locked(M, 40));
  std::printf("counted %d\n", counted(41));
  return 0;
}
