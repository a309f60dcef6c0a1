// In a template, a dependent call whose by-value parameter is only known
// per instantiation must still copy the argument at the defer statement
// (SPEC 2.3): a member of a dependent base (`this->baseFn(V)`), and an
// overload set whose candidates disagree (by value for int, by reference
// for std::string, which then sees the later value, as a reference
// parameter should).
//
// XFAIL: *
// CapturePlan decides once, on the template pattern. When name lookup
// finds no candidate (a dependent base) or candidates that disagree, it
// keeps an lvalue by reference (`ref(V)`), so in the instantiations whose
// parameter is by value the deferred call sees the value at exit: this
// test prints "baseFn 7" and "show int 7" instead of 1. Nothing warns.
// Deciding per instantiation (a trait on the selected callee in the
// binder) would fix it.
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
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}baseFn({{.*}}; try {
    __defer(this->baseFn(V));
    V = 7;
    trace("member body");
  }
};

template <class T> static void overloads(T V, T Later) {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}show({{.*}}; try {
  __defer(show(V));
  V = Later;
  trace("template body");
}

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
