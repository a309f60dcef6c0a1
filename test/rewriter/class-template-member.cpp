// Member functions of a class template: implicit-this calls, qualified
// calls and members as arguments, with by-value parameters that name
// lookup can see in the template, are bound at the defer statement in
// every instantiation (SPEC 2.3, 2.8). Also a defer statement in an `if`
// with an init-statement, whose variable is copied.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void show(int V) { traceInt("show", V); }

template <class T> struct Box {
  T V;
  void helper(T N) const { std::printf("helper %d, now %d\n", static_cast<int>(N), static_cast<int>(V)); }
  void run() {
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}show({{.*}}::cxxdefer::detail::val(V)}); try {
    __defer(show(V));
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}::cxxdefer::detail::val(this), {{.*}}helper({{.*}}::cxxdefer::detail::val(V)}); try {
    __defer(helper(V));
    __defer(Box::helper(V + 100));
    if (T X = V * 2; X > 0) {
      // CHECK: cxxdefer_d[[@LINE+1]]_7.arm({{.*}}::cxxdefer::detail::val(X)});
      __defer(show(X));
    }
    V = 7;
    trace("body");
  }
};

int main() {
  Box<int> B{1};
  B.run();
  Box<long> L{2};
  L.run();
  return 0;
}

// EXEC:      body
// EXEC-NEXT: show 2
// EXEC-NEXT: helper 101, now 7
// EXEC-NEXT: helper 1, now 7
// EXEC-NEXT: show 1
// EXEC-NEXT: body
// EXEC-NEXT: show 4
// EXEC-NEXT: helper 102, now 7
// EXEC-NEXT: helper 2, now 7
// EXEC-NEXT: show 2
// EXEC-EMPTY:
