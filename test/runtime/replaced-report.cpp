// When an exception that replaced others (SPEC 3.4) ends the program, the
// report names every exception of its chain, oldest first, with its type
// and what() as Go prints its panic list, then the C++ runtime's own
// handler runs (cxxdefer/report.h):
//
//   nested     A deferred call of main replaces std::runtime_error "first"
//              by a Code (not a std::exception: its type only); the next
//              one calls third(), which throws the C string "third",
//              recovers it and throws std::logic_error "last", which
//              leaves third() and replaces the Code. Go's order: first,
//              Code, third [recovered], last.
//   noexcept   The chain ends in a noexcept function: std::terminate is
//              called at its boundary, and the report is printed.
//   unrelated  A chain is caught and handled; then an exception that
//              replaced nothing leaves main: no report.
//
// Rewritten by the batch tool and compiled by clang++ (C++14) and g++
// (C++20), and through the plugin (C++17).
//
// RUN: rm -rf %t && mkdir -p %t/14 %t/20
// RUN: %cxxdefer -q --out-dir %t/14 --root %S %s -- -std=c++14
// RUN: %cxxdefer -q --out-dir %t/20 --root %S %s -- -std=c++20
// DEFINE: %{warn} = -Wall -Wextra -Werror -I%cxxdefer_include
// RUN: %clangxx -std=c++14 %{warn} %t/14/replaced-report.cpp -o %t/clang.out
// RUN: %if gxx %{ %gxx -std=c++20 %{warn} %t/20/replaced-report.cpp -o %t/gcc.out %}
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t/plugin.out
//
// RUN: not --crash %t/clang.out nested 2>&1 | %FileCheck %s --check-prefix=NESTED
// RUN: not --crash %t/clang.out noexcept 2>&1 | %FileCheck %s --check-prefix=NOEXCEPT
// RUN: not --crash %t/clang.out unrelated 2>&1 | %FileCheck %s --check-prefix=UNRELATED
// RUN: %if gxx %{ not --crash %t/gcc.out nested 2>&1 | %FileCheck %s --check-prefix=NESTED %}
// RUN: %if gxx %{ not --crash %t/gcc.out noexcept 2>&1 | %FileCheck %s --check-prefix=NOEXCEPT %}
// RUN: %if gxx %{ not --crash %t/gcc.out unrelated 2>&1 | %FileCheck %s --check-prefix=UNRELATED %}
// RUN: not --crash %t/plugin.out nested 2>&1 | %FileCheck %s --check-prefix=NESTED
// RUN: not --crash %t/plugin.out noexcept 2>&1 | %FileCheck %s --check-prefix=NOEXCEPT
// RUN: not --crash %t/plugin.out unrelated 2>&1 | %FileCheck %s --check-prefix=UNRELATED

#include <cxxdefer.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

struct Code {
  int Value;
};

[[noreturn]] static void throwCode() { throw Code{7}; }

static void third() {
  __defer([] {
    if (__recover())
      throw std::logic_error("last");
  }());
  throw "third";
}

static void nested() {
  __defer(third());
  __defer(throwCode());
  throw std::runtime_error("first");
}

static void endsInNoexcept() noexcept {
  __defer([] { throw std::out_of_range("second"); }());
  throw std::invalid_argument("first");
}

static void unrelated() {
  try {
    nested();
  } catch (const std::logic_error &E) {
    std::fprintf(stderr, "caught %s\n", E.what());
  }
  throw std::runtime_error("unrelated");
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "";
  std::fprintf(stderr, "mode %s\n", Mode);
  if (!std::strcmp(Mode, "nested"))
    nested();
  else if (!std::strcmp(Mode, "noexcept"))
    endsInNoexcept();
  else if (!std::strcmp(Mode, "unrelated"))
    unrelated();
  return 0;
}

// NESTED:      mode nested
// NESTED-NEXT: cxxdefer: deferred calls replaced exceptions, oldest first:
// NESTED-NEXT: {{^}}panic: std::runtime_error: first{{$}}
// NESTED-NEXT: {{^}}	panic: Code{{$}}
// NESTED-NEXT: {{^}}	panic: char const*: third [recovered]{{$}}
// NESTED-NEXT: {{^}}	panic: std::logic_error: last{{$}}
// NESTED-NEXT: terminate called after throwing an instance of 'std::logic_error'
// NESTED-NEXT:   what():  last

// NOEXCEPT:      mode noexcept
// NOEXCEPT-NEXT: cxxdefer: deferred calls replaced exceptions, oldest first:
// NOEXCEPT-NEXT: {{^}}panic: std::invalid_argument: first{{$}}
// NOEXCEPT-NEXT: {{^}}	panic: std::out_of_range: second{{$}}
// NOEXCEPT-NEXT: terminate called after throwing an instance of 'std::out_of_range'

// UNRELATED:      mode unrelated
// UNRELATED-NEXT: caught last
// UNRELATED-NOT:  panic:
// UNRELATED-NEXT: terminate called after throwing an instance of 'std::runtime_error'
// UNRELATED-NEXT:   what():  unrelated
