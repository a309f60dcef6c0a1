// fork-site.h defers, and so does this file: the compile forks twice, in
// the header where its code begins, then after this file's #include
// block (fork-header.test). With SITE_NOT_INCLUDED the header is not
// entered at all, and the compile forks in this file only; with
// SITE_LATE_INCLUDE it is included after this file's first function, so
// the compile forks in this file first, and that child rewrites both.
#ifndef SITE_LATE_INCLUDE
#include "fork-site-outer.h"
#endif
#include <cstdio>
#include <cxxdefer.h>
#include <mutex>

static int counted(int N) {
  __defer(std::puts("counted: deferred"));
  __result = N;
  return N + 1;
}

#ifdef SITE_LATE_INCLUDE
#include "fork-site-outer.h"
#endif

int main() {
#ifndef SITE_NOT_INCLUDED
  std::mutex M;
  std::printf("locked %d\n", site::locked(M, 40));
#endif
  std::printf("counted %d\n", counted(41));
  return 0;
}
