// Deferred calls run in the reverse order of their defer statements
// (SPEC 2.2), after the body, when the function returns. Each top-level
// defer statement gets its slot in place, and the handlers close in
// reverse order before the body's closing brace.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

int main() {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = ::cxxdefer::detail::open_coded({{.*}}trace({{.*}}val("first")}); try {
  __defer(trace("first"));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = ::cxxdefer::detail::open_coded({{.*}}val("second")}); try {
  __defer(trace("second"));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = ::cxxdefer::detail::open_coded({{.*}}val("third")}); try {
  __defer(trace("third"));
  trace("body");
  return 0;
  // CHECK: } catch (...) { if (cxxdefer_d[[@LINE-3]]_3.unwind({{.*}})) {{[a-z_ ]+}}; ::cxxdefer::detail::rethrow(); } } catch (...) { if (cxxdefer_d[[@LINE-5]]_3.unwind({{.*}})) {{[a-z_ ]+}}; ::cxxdefer::detail::rethrow(); } } catch (...) { if (cxxdefer_d[[@LINE-7]]_3.unwind({{.*}})) {{[a-z_ ]+}}; ::cxxdefer::detail::rethrow(); } }
}

// EXEC:      body
// EXEC-NEXT: third
// EXEC-NEXT: second
// EXEC-NEXT: first
// EXEC-EMPTY:
