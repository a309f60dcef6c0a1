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
  // Every argument is kept by value and forwarded, in order, except the
  // format: a string literal has nothing to evaluate, so it is spelled in
  // the call at exit, where -Wformat still checks it against the others.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0, auto&& cxxdefer_a1, auto&& cxxdefer_a2) { (void)std::printf("printf %d %s %.1f\n", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0), static_cast<decltype(cxxdefer_a1)&&>(cxxdefer_a1), static_cast<decltype(cxxdefer_a2)&&>(cxxdefer_a2)); }, ::cxxdefer::detail::value_arg{N}, ::cxxdefer::detail::value_arg{Word}, ::cxxdefer::detail::value_arg{1.5}}}; try {
  __defer(std::printf("printf %d %s %.1f\n", N, Word, 1.5));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)logAll(static_cast<decltype(cxxdefer_a)&&>(cxxdefer_a)...); }, ::cxxdefer::detail::value_arg{N}, ::cxxdefer::detail::value_arg{2}, ::cxxdefer::detail::value_arg{3}}}; try {
  __defer(logAll(N, 2, 3));
  N = 5;
  Word = "changed";
  trace("body");
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// EXEC:      body
// EXEC-NEXT: 1 2 3
// EXEC-NEXT: printf 1 world 1.5
// EXEC-EMPTY:
