// A prvalue smart pointer as the object of a deferred member call,
// `std::make_shared<X>()->f()`: the pointer is made at the defer statement
// and kept, with the object it owns, until the deferred call has run
// (SPEC 2.3: a temporary lives until the deferred call has run).
//
// The rewriter keeps the object as `arrow(std::make_shared<Tracked>(...))`,
// but bind.h's arrow() takes a smart pointer only as `S &` and a raw
// pointer as `T *`: a prvalue matches neither ("no matching function for
// call to 'arrow'"). Even with an `S &&` overload, keeping only the result
// of operator-> would let the temporary die at the end of the defer
// statement; the smart pointer itself has to be saved by value.
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include <memory>

#include "Inputs/trace.h"

static void run() {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_member{{{.*}}std::make_shared<Tracked>("shared"){{.*}}->use({{.*}}val("deferred shared")}); try {
  __defer(std::make_shared<Tracked>("shared")->use("deferred shared"));
  trace("body");
}

int main() {
  run();
  trace("returned");
  return 0;
}

// EXEC:      ctor shared
// EXEC-NEXT: body
// EXEC-NEXT: use shared in deferred shared
// EXEC-NEXT: dtor shared
// EXEC-NEXT: returned
// EXEC-EMPTY:
