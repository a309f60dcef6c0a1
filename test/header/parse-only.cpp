// Code that uses __defer parses without the plugin, in both compilers and
// every supported language mode, with warnings as errors (SPEC 5.3).
//
// DEFINE: %{flags} = -fsyntax-only -Wall -Wextra -pedantic -Werror -I %cxxdefer_include %s
// RUN: %clangxx -std=c++14 %{flags}
// RUN: %clangxx -std=c++17 %{flags}
// RUN: %clangxx -std=c++20 %{flags}
// RUN: %if gxx %{ %gxx -std=c++14 %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++17 %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++20 %{flags} %}

#include <cxxdefer.h>

void note(const char *What);

struct Resource {
  void release();
  void release(int Code);
  void operator()(int Code) const;
  int operator+(int Code) const;
};

// Every callee form of SPEC section 1.
void callForms(Resource &R, Resource *P, void (*Fp)(const char *)) {
  __defer(note("plain call"));
  __defer(R.release());
  __defer(R.release(1));
  __defer(P->release(2));
  __defer(Fp("through a pointer"));
  __defer(R(3));
  __defer(R.operator+(4));
  __defer([&] { note("closure"); }());
  __defer([&](int Code) { R.release(Code); }(5));
}

// Defer statements inside nested statements still parse as statements.
int nested(int N) {
  if (N > 0) {
    __defer(note("if"));
  }
  for (int I = 0; I < N; ++I)
    __defer(note("loop"));
  switch (N) {
  case 1:
    __defer(note("case"));
    break;
  default:
    break;
  }
  return N;
}

// Every function-like body of SPEC 2.8.
struct Holder {
  Holder() { __defer(note("constructor")); }
  ~Holder() { __defer(note("destructor")); }
  void member() const { __defer(note("member")); }
};

template <class T> T twice(T Value) {
  __defer(note("template"));
  return Value + Value;
}

auto deduced() {
  __defer(note("deduced"));
  return 1;
}

void lambdas() noexcept {
  auto L = [] { __defer(note("lambda")); };
  auto G = [](auto Value) {
    __defer(note("generic lambda"));
    return Value;
  };
  L();
  (void)G(1);
  (void)twice(2);
  (void)deduced();
}
