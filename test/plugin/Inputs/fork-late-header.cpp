// Only this file mentions the extension, but a library written for
// cxxdefer, included with -isystem, defers too (the scan never reads
// system headers). With USE_BEFORE it is in the #include block: the
// compile meets it before the fork point, and the nested pre-parse takes
// over. Without, it comes after the first function: the compile enters it
// after the fork, and the child's rewrite of it is installed then.
#include <cstdio>
#include <cxxdefer.h>
#ifdef USE_BEFORE
#include <cxxlib/guard.h>
#endif

int first() {
  __defer(std::puts("first: deferred"));
  return 1;
}

#ifndef USE_BEFORE
#include <cxxlib/guard.h>
#endif

int main() {
  std::printf("%d %d\n", first(), cxxlib::checked(2));
  return 0;
}
