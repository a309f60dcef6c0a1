// Each lambda body has its own deferred calls (SPEC 2.8): a defer
// statement inside a lambda runs when that call of the lambda returns,
// not when the enclosing function does.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

int main() {
  __defer(trace("main deferred"));
  auto L = [](int N) {
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}; try {
    __defer(traceInt("lambda deferred", N));
    traceInt("lambda body", N);
    return N * 2;
  };
  traceInt("result", L(1));
  traceInt("result", L(2));
  trace("main body");
  return 0;
}

// EXEC:      lambda body 1
// EXEC-NEXT: lambda deferred 1
// EXEC-NEXT: result 2
// EXEC-NEXT: lambda body 2
// EXEC-NEXT: lambda deferred 2
// EXEC-NEXT: result 4
// EXEC-NEXT: main body
// EXEC-NEXT: main deferred
// EXEC-EMPTY:
