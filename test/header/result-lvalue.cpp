// `__result` is an lvalue of the function's result type before the rewrite
// too: the usual reads and writes parse without the plugin (SPEC 2.6, 5.3).
//
// DEFINE: %{flags} = -fsyntax-only -Wall -Wextra -pedantic -Werror -I %cxxdefer_include %s
// RUN: %clangxx -std=c++14 %{flags}
// RUN: %clangxx -std=c++17 %{flags}
// RUN: %clangxx -std=c++20 %{flags}
// RUN: %if gxx %{ %gxx -std=c++14 %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++17 %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++20 %{flags} %}

#include <cxxdefer.h>

void note(const char *What);
void adjust(int &Result);

int assigned() {
  __defer([&] { __result = -3; }());
  return 0;
}

int compound() {
  __defer([&] {
    __result += 1;
    __result -= 2;
    __result *= 3;
    __result /= 4;
    __result |= 8;
    __result &= 15;
  }());
  return 1;
}

int incremented() {
  __defer([&] {
    ++__result;
    __result++;
    --__result;
    __result--;
  }());
  return 2;
}

int boundToReference() {
  __defer([&] {
    int &Result = __result;
    Result = 7;
    adjust(__result);
  }());
  return 3;
}

int read() {
  __defer([&] {
    int Copy = __result;
    if (Copy != 0)
      note("nonzero");
  }());
  return 4;
}

bool flag(bool B);

// Binary operators with `__result` on the left, on the right and on both
// sides, comparisons among them (under C++20 `==` and `!=` also have their
// reversed forms), and as conditions.
int operators() {
  __defer([&] {
    int Sum = __result + 1;
    Sum = 2 * __result - Sum;
    Sum = Sum + __result * __result;
    if (__result == 3 || 3 != __result || __result < __result)
      note("compared");
    flag(__result >= Sum && (1 << __result) != 0);
    adjust(__result);
  }());
  return 5;
}
