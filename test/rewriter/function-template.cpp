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
  // The operand is a thunk; the table has one entry per instantiation, and
  // both copy. (An unresolved call in a template may reach __recover().)
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<int &>, ::cxxdefer::detail::by_value>, ::cxxdefer::detail::when<::cxxdefer::detail::key<::std::basic_string<char, ::std::char_traits<char>, ::std::allocator<char>> &>, ::cxxdefer::detail::by_value>>>([](auto&&... cxxdefer_a) { (void)report({{.*}}); }, [&]() -> decltype(auto) { return (V); })}; try {
  __defer(report(V));
  V = Later;
  trace("template body");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }

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
