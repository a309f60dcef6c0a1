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
// RUN: %check_cxxdefer %s %t

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
