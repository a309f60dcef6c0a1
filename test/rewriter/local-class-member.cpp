// A member function of a local class is a function body of its own
// (SPEC 2.8): its deferred calls run when it returns.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

int main() {
  struct Local {
    int Id;
    void run() const {
      // CHECK: cxxdefer_d[[@LINE+1]]_7 = {{.*}}; try {
      __defer(traceInt("local deferred", Id));
      traceInt("local body", Id);
    }
  };
  __defer(trace("main deferred"));
  Local{1}.run();
  Local{2}.run();
  trace("main body");
  return 0;
}

// EXEC:      local body 1
// EXEC-NEXT: local deferred 1
// EXEC-NEXT: local body 2
// EXEC-NEXT: local deferred 2
// EXEC-NEXT: main body
// EXEC-NEXT: main deferred
// EXEC-EMPTY:
