// On `return e;` the result is initialised first, then the deferred calls
// run (SPEC 2.4): a deferred call that changes the returned local after
// `return x;` does not change the value the caller gets, but sees the
// value the body left in it.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/trace.h"

static void bump(int &N) {
  traceInt("bump sees", N);
  N += 100;
}

static void append(std::string &S) { S += " changed"; }

static int byName() {
  int X = 1;
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bump({{.*}}::cxxdefer::detail::ref(X)}); try {
  __defer(bump(X));
  X = 2;
  return X;
}

static int byExpression() {
  int X = 3;
  __defer(bump(X));
  return X * 10;
}

static std::string text() {
  std::string S = "text";
  __defer(append(S));
  return S + "!";
}

int main() {
  traceInt("byName", byName());
  traceInt("byExpression", byExpression());
  std::printf("text %s\n", text().c_str());
  return 0;
}

// EXEC:      bump sees 2
// EXEC-NEXT: byName 2
// EXEC-NEXT: bump sees 3
// EXEC-NEXT: byExpression 30
// EXEC-NEXT: text text!
// EXEC-EMPTY:
