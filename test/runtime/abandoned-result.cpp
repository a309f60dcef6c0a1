// The runtime guesses, from the compiler's name and version, whether the
// compiler destroys a return object that was abandoned when a local's
// destructor threw after the return statement built it ([except.ctor]/2,
// CWG 2176): CXXDEFER_DESTROYS_ABANDONED_RESULT is 1 where the rewritten
// code must do it (Clang). Were the guess wrong, a deferred call throwing
// after `return e;` would leak the object or destroy it twice. This test
// asks the compilers the suite runs with, on plain C++ without cxxdefer.
//
// RUN: %clangxx -std=c++17 -I%cxxdefer_include %s -o %t.clang
// RUN: %t.clang
// RUN: %if gxx %{ %gxx -std=c++17 -I%cxxdefer_include %s -o %t.gcc %}
// RUN: %if gxx %{ %t.gcc %}
// RUN: %clangxx -std=c++14 -I%cxxdefer_include %s -o %t.clang14
// RUN: %t.clang14

#include <cxxdefer.h>

#include <cstdio>

static int Destroyed = 0;

struct Result {
  ~Result() { ++Destroyed; }
};

struct ThrowsWhenDestroyed {
  ~ThrowsWhenDestroyed() noexcept(false) { throw 1; }
};

static Result abandon() {
  ThrowsWhenDestroyed Local;
  return Result();
}

int main() {
  try {
    abandon();
  } catch (int) {
  }
  bool CompilerDestroys = Destroyed == 1;
  std::printf("the compiler destroys the abandoned result: %s; the runtime "
              "destroys it: %s\n",
              CompilerDestroys ? "yes" : "no",
              CXXDEFER_DESTROYS_ABANDONED_RESULT ? "yes" : "no");
  return CompilerDestroys != !CXXDEFER_DESTROYS_ABANDONED_RESULT;
}
