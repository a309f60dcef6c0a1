// A user header whose inline function keeps a reference that dangles.
#include <cxxdefer.h>
#include <cstdio>

inline void show(const int &V) { std::printf("%d\n", V); }

inline void headerLoop() {
  __defer(std::puts("done")); for (int I = 0; I < 2; ++I) { int V = I; __defer(show(V)); }
}
