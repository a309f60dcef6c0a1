// A nested defer statement stores its bound call in its cond_slot: inline
// when it fits, in a heap block when it does not. Either way the kept
// operands are destroyed right after the deferred call, on a normal return
// and during a propagation, and an unarmed slot runs and destroys nothing
// (Go's deferfin.go: deferred calls do not keep their operands alive).
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC
// RUN: %if valgrind %{ %valgrind %t.clang > /dev/null %}

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

struct Big {
  char Bytes[512];
  int Id;
};

static void small(const Tracked &T) { T.use("small"); }
static void large(Big B, const Tracked &T) { std::printf("large %d %s\n", B.Id, T.Name); }

static void run(int Mode) {
  if (Mode > 0) {
    // CHECK: (void)((false) ? static_cast<typename decltype(cxxdefer_s[[@LINE+1]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[@LINE+1]]_5.storage)) {{.*}}value_arg{Tracked("inline")}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
    __defer(small(Tracked("inline")));
  }
  if (Mode > 1) {
    Big B{};
    B.Id = Mode;
    __defer(large(B, Tracked("heap")));
  }
  if (Mode > 2)
    throw std::runtime_error("propagating");
  traceInt("body", Mode);
}

int main() {
  for (int Mode = 0; Mode < 4; ++Mode) {
    try {
      run(Mode);
    } catch (const std::runtime_error &E) {
      std::printf("caught %s\n", E.what());
    }
  }
  return 0;
}

// The saved temporaries may be moved on their way into the slot (`move`,
// and a `dtor` for each moved-from shell), all before the body goes on.
// EXEC:      body 0
// EXEC:      body 1
// EXEC-NEXT: use inline in small
// EXEC-NEXT: dtor inline
// EXEC:      body 2
// EXEC-NEXT: large 2 heap
// EXEC-NEXT: dtor heap
// EXEC-NEXT: use inline in small
// EXEC-NEXT: dtor inline
// EXEC:      ctor heap
// EXEC-NOT:  body
// EXEC:      large 3 heap
// EXEC-NEXT: dtor heap
// EXEC-NEXT: use inline in small
// EXEC-NEXT: dtor inline
// EXEC-NEXT: caught propagating
// EXEC-EMPTY:
