// The report of replaced exceptions keeps the user's terminate handler
// (cxxdefer/report.h):
//
//   lazy    cxxdefer installs its handler at the first replacement, not
//           before: deferred calls that run while an exception propagates
//           and is caught leave std::get_terminate() alone.
//   before  A handler installed before the first replacement still runs,
//           after the report.
//   after   A handler installed after it replaces cxxdefer's, as
//           std::set_terminate always does: no report, and the handler
//           can walk the chain itself with cxxdefer::replaced_exception().
//
// Rewritten by the batch tool and compiled by clang++ (C++17) and g++
// (C++14), and through the plugin (C++20).
//
// RUN: rm -rf %t && mkdir -p %t/14 %t/17
// RUN: %cxxdefer -q --out-dir %t/14 --root %S %s -- -std=c++14
// RUN: %cxxdefer -q --out-dir %t/17 --root %S %s -- -std=c++17
// DEFINE: %{warn} = -Wall -Wextra -Werror -I%cxxdefer_include
// RUN: %clangxx -std=c++17 %{warn} %t/17/replaced-report-handler.cpp -o %t/clang.out
// RUN: %if gxx %{ %gxx -std=c++14 %{warn} %t/14/replaced-report-handler.cpp -o %t/gcc.out %}
// RUN: %plugin_cxx -std=c++20 -Wall -Wextra -Werror %s -o %t/plugin.out
//
// RUN: %t/clang.out lazy 2>&1 | %FileCheck %s --check-prefix=LAZY
// RUN: not --crash %t/clang.out before 2>&1 | %FileCheck %s --check-prefix=BEFORE
// RUN: not --crash %t/clang.out after 2>&1 | %FileCheck %s --check-prefix=AFTER
// RUN: %if gxx %{ %t/gcc.out lazy 2>&1 | %FileCheck %s --check-prefix=LAZY %}
// RUN: %if gxx %{ not --crash %t/gcc.out before 2>&1 | %FileCheck %s --check-prefix=BEFORE %}
// RUN: %if gxx %{ not --crash %t/gcc.out after 2>&1 | %FileCheck %s --check-prefix=AFTER %}
// RUN: %t/plugin.out lazy 2>&1 | %FileCheck %s --check-prefix=LAZY
// RUN: not --crash %t/plugin.out before 2>&1 | %FileCheck %s --check-prefix=BEFORE
// RUN: not --crash %t/plugin.out after 2>&1 | %FileCheck %s --check-prefix=AFTER

#include <cxxdefer.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <stdexcept>

static const char *whatOf(const std::exception_ptr &P) {
  try {
    std::rethrow_exception(P);
  } catch (const std::exception &E) {
    return E.what();
  } catch (...) {
    return "?";
  }
}

/// The user's handler: names the exception and what it replaced.
[[noreturn]] static void userHandler() {
  std::exception_ptr P = std::current_exception();
  std::fprintf(stderr, "user handler: %s", P ? whatOf(P) : "no exception");
  for (P = cxxdefer::replaced_exception(P); P;
       P = cxxdefer::replaced_exception(P))
    std::fprintf(stderr, " <- %s", whatOf(P));
  std::fprintf(stderr, "\n");
  std::abort();
}

static void cleanUp(const char *What) { std::fprintf(stderr, "%s\n", What); }

static void propagates() {
  __defer(cleanUp("a deferred call runs"));
  throw std::runtime_error("plain");
}

static void replaces(const char *First, const char *Second) {
  __defer([&] { throw std::logic_error(Second); }());
  throw std::runtime_error(First);
}

static void caught(void (*F)()) {
  try {
    F();
  } catch (const std::exception &E) {
    std::fprintf(stderr, "caught %s\n", E.what());
  }
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "";
  std::set_terminate(&userHandler);
  if (!std::strcmp(Mode, "lazy")) {
    caught(propagates);
    std::fprintf(stderr, "after a propagation: %s\n",
                 std::get_terminate() == &userHandler ? "the user's handler"
                                                      : "another handler");
    caught([] { replaces("one", "two"); });
    std::fprintf(stderr, "after a replacement: %s\n",
                 std::get_terminate() == &userHandler ? "the user's handler"
                                                      : "another handler");
  } else if (!std::strcmp(Mode, "before")) {
    replaces("first", "second");
  } else if (!std::strcmp(Mode, "after")) {
    caught([] { replaces("one", "two"); }); // installs cxxdefer's handler
    std::set_terminate(&userHandler);
    replaces("first", "second");
  }
  return 0;
}

// LAZY:      a deferred call runs
// LAZY-NEXT: caught plain
// LAZY-NEXT: after a propagation: the user's handler
// LAZY-NEXT: caught two
// LAZY-NEXT: after a replacement: another handler

// BEFORE:      cxxdefer: deferred calls replaced exceptions, oldest first:
// BEFORE-NEXT: {{^}}panic: std::runtime_error: first{{$}}
// BEFORE-NEXT: {{^}}	panic: std::logic_error: second{{$}}
// BEFORE-NEXT: user handler: second <- first
// BEFORE-NOT:  terminate called

// AFTER:      caught two
// AFTER-NOT:  panic:
// AFTER-NEXT: user handler: second <- first
// AFTER-NOT:  terminate called
