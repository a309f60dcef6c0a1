// __defer is mentioned before the code begins (in this comment): the
// #include block may not be what the analysis reads, so no fork.
#include <cstdio>
#include <cxxdefer.h>

int main() {
  __defer(std::puts("deferred"));
  return 0;
}
