// An overloaded operator call is a call (SPEC 1): `v += n` defers
// operator+= with `v` bound and `n` evaluated at the defer statement. In a
// chain `out << a << b`, only the last operator<< is the deferred call;
// its left operand, `out << a`, is an argument and runs at the defer
// statement, as Go evaluates a deferred call's receiver.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Accumulator {
  int Total = 0;
  Accumulator &operator+=(int N) {
    Total += N;
    traceInt("total", Total);
    return *this;
  }
};

struct Stream {
  Stream &operator<<(const char *Text) {
    std::printf("%s", Text);
    return *this;
  }
  Stream &operator<<(int N) {
    std::printf("%d", N);
    return *this;
  }
};

static Stream Out;

static void run() {
  Accumulator V;
  int N = 1;
  // The caller spells the operator again between its two operands; a
  // string literal operand is spelled there too.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_x0, auto&& cxxdefer_x1) { (void)(static_cast<decltype(cxxdefer_x0)&&>(cxxdefer_x0) += static_cast<decltype(cxxdefer_x1)&&>(cxxdefer_x1)); }, ::cxxdefer::detail::ref_arg{V}, ::cxxdefer::detail::value_arg{N}}}; try {
  __defer(V += N);
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_x0) { (void)(static_cast<decltype(cxxdefer_x0)&&>(cxxdefer_x0) << "\n"); }, ::cxxdefer::detail::ref_arg{Out << "n = " << N}}}; try {
  __defer(Out << "n = " << N << "\n");
  N = 10;
  V += N;
  Out << "body\n";
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// EXEC:      n = 1total 10
// EXEC-NEXT: body
// EXEC-EMPTY:
// EXEC-NEXT: total 11
// EXEC-EMPTY:
