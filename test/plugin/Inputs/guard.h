// A user header with an inline function that defers: rewritten in every
// translation unit that includes it.
#ifndef GUARD_H
#define GUARD_H
#include <cxxdefer.h>
#include <cstdio>

inline void leave(const char *Who) { std::printf("guard: leave %s\n", Who); }

inline void guarded(const char *Who, void (*Body)()) {
  __defer(leave(Who));
  Body();
}
#endif
