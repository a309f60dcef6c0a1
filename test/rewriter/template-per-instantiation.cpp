// Each instantiation initialises its own parameters (SPEC 2.3, 2.8): the
// binding of a dependent call's operands is decided per instantiation -
// by value where the chosen overload takes a value, by reference where it
// takes a reference - in generic lambdas, function templates, members of
// class templates and member templates.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/trace.h"

static void printIt(int V) { traceInt("int", V); }
static void printIt(const std::string &S) {
  std::printf("string '%s'\n", S.c_str());
}

template <class T> static void functionTemplate(T X) {
  // CHECK: ::cxxdefer::detail::select<::cxxdefer::detail::table<{{.*}}key<int &>, ::cxxdefer::detail::by_value>, {{.*}}key<{{.*}}string &>, ::cxxdefer::detail::by_ref>>>({{.*}}printIt({{.*}}, [&]() -> decltype(auto) { return (X); })
  __defer(printIt(X));
  X = T();
}

template <class T> struct Holder {
  T Value;
  void member() {
    __defer(printIt(Value));
    Value = T();
  }
  template <class U> void memberTemplate(U Extra) {
    __defer(printIt(Extra));
    Extra = U();
  }
};

int main() {
  auto Generic = [](auto X) {
    __defer(printIt(X));
    X = decltype(X){};
    return 0;
  };
  Generic(1);
  Generic(std::string("abc"));
  functionTemplate(2);
  functionTemplate(std::string("def"));
  Holder<int>{3}.member();
  Holder<std::string>{"ghi"}.member();
  Holder<int>{0}.memberTemplate(4);
  Holder<int>{0}.memberTemplate(std::string("jkl"));
  return 0;
}

// The int instantiations print the value at the defer statement; the
// std::string ones see the cleared string, as `const std::string &` would.
// EXEC:      int 1
// EXEC-NEXT: string ''
// EXEC-NEXT: int 2
// EXEC-NEXT: string ''
// EXEC-NEXT: int 3
// EXEC-NEXT: string ''
// EXEC-NEXT: int 4
// EXEC-NEXT: string ''
// EXEC-EMPTY:
