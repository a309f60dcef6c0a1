// A library written for cxxdefer, included with -isystem (as CMake includes
// an installed package's headers), is the user's code: its defer
// statements are rewritten, and the functions it declares may recover
// (rewriter/include/cxxdefer/SystemCode.h). A system header that does not mention
// cxxdefer stays the system's: a function declared there without a body
// is taken not to call __recover(), and one that does stops the program
// with a message rather than letting the exception escape (SPEC 3.2).
//
// The plugin:
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror -isystem %S/Inputs/isystem -c %S/Inputs/isystem/cxxlib.cpp -o %t.lib.o
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror -isystem %S/Inputs/isystem %s %t.lib.o -o %t.plugin
// RUN: %t.plugin | %FileCheck %s --check-prefix=EXEC
//
// The batch tool writes the library's rewritten header below --out-dir too;
// the unchanged one is found in the original directory behind it.
// RUN: rm -rf %t.out
// RUN: %cxxdefer --out-dir=%t.out --root=%S %s %S/Inputs/isystem/cxxlib.cpp -- -std=c++17 -isystem %S/Inputs/isystem
// RUN: %if !forced-tier %{ %FileCheck %s --check-prefix=HDR --input-file=%t.out/Inputs/isystem/cxxlib/guard.h %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -isystem %t.out/Inputs/isystem -isystem %S/Inputs/isystem %t.out/isystem-library.cpp %t.out/Inputs/isystem/cxxlib.cpp -o %t.clang
// RUN: %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -isystem %t.out/Inputs/isystem -isystem %S/Inputs/isystem %t.out/isystem-library.cpp %t.out/Inputs/isystem/cxxlib.cpp -o %t.gcc
// RUN: %t.gcc | %FileCheck %s --check-prefix=EXEC
//
// A helper that recovers, declared in a header that does not mention
// cxxdefer: stopped, with the reason, never a silent escape.
// RUN: %plugin_cxx -std=c++17 -DPLAIN -isystem %S/Inputs/isystem %s %S/Inputs/isystem/plainlib.cpp -o %t.plain
// RUN: not --crash %t.plain 2>&1 | %FileCheck %s --check-prefix=PLAIN
// With -I the same header is the user's, and the helper recovers.
// RUN: %plugin_cxx -std=c++17 -DPLAIN -I %S/Inputs/isystem %s %S/Inputs/isystem/plainlib.cpp -o %t.plain-i
// RUN: %t.plain-i | %FileCheck %s --check-prefix=PLAIN-I

// HDR: inline int checked(int V) {
// HDR-NOT: __errdefer(
// HDR-NOT: __defer(

#ifdef PLAIN
#include <plainlib/plain.h>
#include <cxxdefer.h>
#include <cstdio>

static int quiet() {
  __defer(plainlib::recoverQuietly());
  throw 1;
}

int main() {
  try {
    quiet();
    std::printf("recovered: quiet() returned\n");
  } catch (int) {
    std::printf("WRONG: the exception escaped\n");
  }
}
// PLAIN: cxxdefer: __recover() was called by a deferred call that cxxdefer found could not reach it
// PLAIN-NOT: WRONG
// PLAIN-I: recovered: quiet() returned
#else
#include <cxxlib/guard.h>

static int run(int V) {
  __defer(cxxlib::recoverAndLog());
  return cxxlib::checked(V);
}

int main() {
  std::printf("%d\n", cxxlib::twice(21));
  std::printf("%s\n", cxxlib::twice(std::string("ab")).c_str());
  std::printf("run(1) = %d\n", run(1));
  std::printf("run(-1) = %d\n", run(-1));
}
// EXEC:      cxxlib::twice(21) done
// EXEC-NEXT: 42
// EXEC-NEXT: cxxlib::twice(ab) done
// EXEC-NEXT: abab
// EXEC-NEXT: run(1) = 1
// EXEC-NEXT: cxxlib::checked(-1) failed
// EXEC-NEXT: cxxlib: recovered
// EXEC-NEXT: run(-1) = 0
// EXEC-EMPTY:
#endif
