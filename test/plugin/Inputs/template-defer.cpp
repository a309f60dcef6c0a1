// A defer statement in a template (instantiations.test): its
// instantiations may come from anywhere, so the pre-parse instantiates
// everything.
#include <cxxdefer.h>
#include <cstdio>
#include <vector>

template <class T> T last(const std::vector<T> &V) {
  __defer(std::printf("last of %zu\n", V.size()));
  return V.back();
}

int main() { std::printf("%d\n", last(std::vector<int>{1, 2, 3})); }
