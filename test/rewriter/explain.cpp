// One remark per defer statement says what is evaluated at the statement
// and how each operand reaches the call (issue 12): the plugin under
// -Rpass-analysis=defer, the batch tool under --explain. Nothing else
// changes: the rewritten text is the same with and without it.
//
// RUN: %plugin_cxx -std=c++17 -fsyntax-only -Rpass-analysis=defer %s 2>&1 | %FileCheck %s --implicit-check-not=remark:
// RUN: %cxxdefer --explain %s -- -std=c++17 2>&1 >%t.explained.cpp | %FileCheck %s --implicit-check-not=remark:
// RUN: %cxxdefer %s -- -std=c++17 > %t.plain.cpp
// RUN: diff %t.plain.cpp %t.explained.cpp
// Without the option, no explanation:
// RUN: %plugin_cxx -std=c++17 -fsyntax-only -Rpass=defer %s 2>&1 | %FileCheck %s --check-prefix=NONE
// NONE-NOT: at the defer statement

#include <cxxdefer.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

void log(int Value, const std::string &Text);
void sum(const int *Values);

struct Widget {
  void update(int) {}
  int Count = 0;
  void member() {
    // CHECK: explain.cpp:[[@LINE+1]]:5: remark: at the defer statement: `this` copied now; `Count` copied now (int)
    __defer(update(Count));
  }
};

int run(std::mutex &Mu, int N) {
  Mu.lock();
  // CHECK: explain.cpp:[[@LINE+1]]:3: remark: at the defer statement: `Mu` bound by reference (the call sees it as it is at exit)
  __defer(Mu.unlock());
  int X = 1;
  // CHECK: explain.cpp:[[@LINE+1]]:3: remark: at the defer statement: `log` named again at exit; `X` copied now (int); `"text"` converted now to std::string, kept until the call
  __defer(log(X, "text"));
  // CHECK: explain.cpp:[[@LINE+1]]:3: remark: at the defer statement: `log` named again at exit; `X + 1` evaluated now, kept (int); `std::string("t")` evaluated now, kept (std::string)
  __defer(log(X + 1, std::string("t")));
  auto Shared = std::make_shared<Widget>();
  // CHECK: explain.cpp:[[@LINE+1]]:3: remark: at the defer statement: `Shared`'s operator-> called now; `X` copied now (int)
  __defer(Shared->update(X));
  for (int I = 0; I < N; ++I) {
    int J = I;
    // CHECK: explain.cpp:[[@LINE+1]]:5: remark: at the defer statement: the closure, capturing `I` copied now (int), `J` by reference (ends with its block, before the call)
    __defer([&, I] { log(I + J, "loop"); }());
  }
  // CHECK: explain.cpp:[[@LINE+1]]:3: remark: at the defer statement: the closure, capturing `X` by reference (the call sees it as it is at exit)
  __defer([&] { log(X, "closure"); }());
  // CHECK: explain.cpp:[[@LINE+1]]:3: remark: at the defer statement: `std::printf` named again at exit; the literal `"%d\n"` (nothing to evaluate); `N` copied now (int)
  __defer(std::printf("%d\n", N));
  int Buffer[4] = {};
  // CHECK: explain.cpp:[[@LINE+1]]:3: remark: at the defer statement: `sum` named again at exit; `Buffer`'s address kept now (int *): its elements are read at exit
  __defer(sum(Buffer));
  X = 2;
  return X;
}
