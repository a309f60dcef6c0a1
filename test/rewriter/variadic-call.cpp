// C variadic functions (printf, Go's deferprint.go) and function templates
// with a parameter pack are deferred with every argument evaluated and
// copied at the defer statement (SPEC 2.3).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

template <class... A> static void logAll(A... Args) {
  int Unused[] = {0, (std::printf("%d ", Args), 0)...};
  (void)Unused;
  std::printf("\n");
}

int main() {
  int N = 1;
  const char *Word = "world";
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}printf({{.*}}::cxxdefer::detail::val(N), ::cxxdefer::detail::val(Word), ::cxxdefer::detail::val(1.5)}); try {
  __defer(std::printf("printf %d %s %.1f\n", N, Word, 1.5));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}logAll({{.*}}::cxxdefer::detail::val(N), ::cxxdefer::detail::val(2), ::cxxdefer::detail::val(3)}); try {
  __defer(logAll(N, 2, 3));
  N = 5;
  Word = "changed";
  trace("body");
  return 0;
}

// EXEC:      body
// EXEC-NEXT: 1 2 3
// EXEC-NEXT: printf 1 world 1.5
// EXEC-EMPTY:
