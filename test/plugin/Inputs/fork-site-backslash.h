// A fork site whose text ends in a backslash, with no newline after it
// (fork-header.test): the compile splices that last line with the room kept
// after the text, which must give the tokens and the warnings the end of
// the file gives.
#pragma once
#include <cstdio>
#include <cxxdefer.h>

inline int ends_in_backslash() {
  __defer(std::puts("backslash: deferred"));
  return __LINE__;
}
// the last line \