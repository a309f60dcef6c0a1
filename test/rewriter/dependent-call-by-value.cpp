// In a template, a dependent call whose by-value parameter is only known
// per instantiation must still copy the argument at the defer statement
// (SPEC 2.3): a member of a dependent base (`this->baseFn(V)`), and an
// overload set whose candidates disagree (by value for int, by reference
// for std::string, which then sees the later value, as a reference
// parameter should). The rewriter decides per instantiation: each operand
// is a thunk, and a table maps the operand types of every instantiation it
// saw to the binding Sema chose there.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/trace.h"

static void show(int V) { traceInt("show int", V); }
static void show(const std::string &V) { std::printf("show string %s\n", V.c_str()); }

template <class T> struct Base {
  void baseFn(int N) const { traceInt("baseFn", N); }
};

template <class T> struct Box : Base<T> {
  T V;
  void run() {
    // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_5{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<::Box<int> *, int &>, ::cxxdefer::detail::by_value, ::cxxdefer::detail::by_value>>>([](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)->baseFn({{.*}}); }, [&]() -> decltype(auto) { return (this); }, [&]() -> decltype(auto) { return (V); })}; try {
    __defer(this->baseFn(V));
    V = 7;
    trace("member body");
  }
  // CHECK: {{^}}  } catch (...) { if (!cxxdefer_d[[#D1]]_5.unwind(true)) ::cxxdefer::detail::rethrow(); } }{{$}}
};

template <class T> static void overloads(T V, T Later) {
  // By value for int, by reference for std::string.
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<int &>, ::cxxdefer::detail::by_value>, ::cxxdefer::detail::when<::cxxdefer::detail::key<::std::basic_string<char, ::std::char_traits<char>, ::std::allocator<char>> &>, ::cxxdefer::detail::by_ref>>>([](auto&&... cxxdefer_a) { (void)show({{.*}}); }, [&]() -> decltype(auto) { return (V); })}; try {
  __defer(show(V));
  V = Later;
  trace("template body");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D2]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  Box<int> B;
  B.V = 1;
  B.run();
  overloads(1, 7);
  overloads(std::string("first"), std::string("later"));
  return 0;
}

// EXEC:      member body
// EXEC-NEXT: baseFn 1
// EXEC-NEXT: template body
// EXEC-NEXT: show int 1
// EXEC-NEXT: template body
// EXEC-NEXT: show string later
// EXEC-EMPTY:
