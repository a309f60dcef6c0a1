// A deferred call in a template is planned for every instantiation (SPEC
// 2.3, 2.8); what one instantiation makes of it that the rewritten template
// cannot express is an error at the defer statement, naming what differs.
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

struct Member {
  void f(int) {}
};
struct Static {
  static void f(int) {}
};

// `T::f(1)` calls a static member for Static, a member on `this` for Member.
template <class T> struct Derived : T {
  void run() {
    // ERR: error-dependent-call.cpp:[[@LINE+1]]:{{[0-9]+}}: error: cannot defer this call in a template: it is a call of a named function here but a member call on 'this' in one instantiation; defer a lambda that makes the call: '__defer([&] { ... }())'
    __defer(T::f(1));
  }
};

int next() { return 1; }
void put(int, int Later = next()) { (void)Later; }

// For an int, put(X) is put(int, int) with its default argument, which the
// template does not write.
template <class T> void defaults(T X) {
  // ERR: error-dependent-call.cpp:[[@LINE+1]]:{{[0-9]+}}: error: cannot defer this call in a template: an instantiation uses the default argument of parameter 'Later', which must be evaluated at the defer statement; pass it explicitly
  __defer(put(X));
}

template <class T> void show(T) {}

template <class T> void braced(T X) {
  // ERR: error-dependent-call.cpp:[[@LINE+1]]:{{[0-9]+}}: error: cannot defer this call in a template: a braced argument of a call that depends on template parameters has no type before instantiation; initialise a local variable with it first
  __defer(show({X}));
}

int main() {
  Derived<Static>().run();
  Derived<Member>().run();
  defaults(1);
  return 0;
}
