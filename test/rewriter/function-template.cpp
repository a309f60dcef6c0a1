// Every instantiation of a function template has its own deferred calls
// (SPEC 2.8). The body is rewritten once, so how each operand is kept must
// hold for every instantiation: here both overloads of the dependent call
// take their parameter by value, so the argument is copied at the defer
// statement in both.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/trace.h"

static void report(int V) { traceInt("report int", V); }
static void report(std::string V) { std::printf("report string %s\n", V.c_str()); }

template <class T> static void run(T V, T Later) {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}report({{.*}}::cxxdefer::detail::val(V)}); try {
  __defer(report(V));
  V = Later;
  trace("template body");
}

int main() {
  run(1, 2);
  run(std::string("first"), std::string("second"));
  return 0;
}

// EXEC:      template body
// EXEC-NEXT: report int 1
// EXEC-NEXT: template body
// EXEC-NEXT: report string first
// EXEC-EMPTY:
