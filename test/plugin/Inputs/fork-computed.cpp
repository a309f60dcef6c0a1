// An #include whose name is a macro: the scan cannot follow it, so it
// cannot tell that only this file mentions the extension.
#include <cxxdefer.h>
#include <cstdio>
#define PLAIN_HEADER "plain.h"
#include PLAIN_HEADER

int main() {
  __defer(std::puts("deferred"));
  return twice(21) == 42 ? 0 : 1;
}
