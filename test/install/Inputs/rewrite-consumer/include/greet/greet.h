// Included by all three sources; its inline function defers, so each
// target's rewrite carries its own rewritten copy.
#pragma once
#include <cxxdefer.h>

#include <cstdio>

int greet(const char *Who);
int more();

inline void say(const char *What) { std::printf("%s\n", What); }

inline int framed(const char *Who) {
  __defer(say("frame closed"));
  say("frame opened");
  return greet(Who);
}
