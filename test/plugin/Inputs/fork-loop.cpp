// For fork.test: the core's findings (a remark, a warning with its flag)
// travel from the child to the compile, which reports them on this text.
#include <cstdio>
#include <cxxdefer.h>

int f(int N) {
  for (int I = 0; I < N; ++I)
    __defer(std::printf("%d\n", I));
  return N;
}

int main() { return f(2) == 2 ? 0 : 1; }
