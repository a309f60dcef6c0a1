// A translation unit whose pending instantiations are all the standard
// library's own (instantiations.test): the pre-parse leaves them out, except
// std::fill<int *, int>, which a deferred call reaches. Its body cannot
// throw, so the defer needs no handler: a guard, as after a complete
// instantiation.
#include <cxxdefer.h>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

static int Buffer[4];

int fill(int N) {
  __defer(std::fill(Buffer, Buffer + 4, N));
  std::map<std::string, int> Counts;
  Counts["a"] = N;
  return static_cast<int>(Counts.size());
}

int main() {
  int Size = fill(7);
  std::printf("%d %d\n", Size, Buffer[3]);
}
