// The report of replaced exceptions is per thread: an exception that
// replaced others leaves a thread's function, std::terminate runs on that
// thread, and the report names that thread's chain - not the chain that
// main made and caught before starting the thread (cxxdefer/report.h).
// The thread's function is a lambda with deferred calls of its own: the
// last replacement happens in it.
//
// Rewritten by the batch tool and compiled by clang++ and g++ (C++17), and
// through the plugin (C++14).
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cxxdefer -q --out-dir %t --root %S %s -- -std=c++17
// DEFINE: %{warn} = -Wall -Wextra -Werror -I%cxxdefer_include
// RUN: %clangxx -std=c++17 %{warn} %t/replaced-report-thread.cpp -o %t/clang.out
// RUN: %if gxx %{ %gxx -std=c++17 %{warn} %t/replaced-report-thread.cpp -o %t/gcc.out %}
// RUN: %plugin_cxx -std=c++14 -Wall -Wextra -Werror %s -o %t/plugin.out
//
// RUN: not --crash %t/clang.out 2>&1 | %FileCheck %s
// RUN: %if gxx %{ not --crash %t/gcc.out 2>&1 | %FileCheck %s %}
// RUN: not --crash %t/plugin.out 2>&1 | %FileCheck %s

#include <cxxdefer.h>

#include <cstdio>
#include <stdexcept>
#include <thread>

[[noreturn]] static void fail(const char *What) {
  throw std::runtime_error(What);
}

static void replaces(const char *First, const char *Second) {
  __defer(fail(Second));
  fail(First);
}

int main() {
  try {
    replaces("main's first", "main's second");
  } catch (const std::exception &E) {
    std::fprintf(stderr, "main caught %s\n", E.what());
  }
  std::thread([] {
    __defer(fail("the thread's third"));
    replaces("the thread's first", "the thread's second");
  }).join();
  std::fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK:      main caught main's second
// CHECK-NOT:  main's
// CHECK:      cxxdefer: deferred calls replaced exceptions, oldest first:
// CHECK-NEXT: {{^}}panic: std::runtime_error: the thread's first{{$}}
// CHECK-NEXT: {{^}}	panic: std::runtime_error: the thread's second{{$}}
// CHECK-NEXT: {{^}}	panic: std::runtime_error: the thread's third{{$}}
// CHECK-NEXT: terminate called after throwing an instance of 'std::runtime_error'
// CHECK-NEXT:   what():  the thread's third
// CHECK-NOT:  not reached
