// A deferred explicit destructor call, `p->~T()`, the cleanup of an object
// built with placement new: the caller lambda spells it with no argument
// pack (Clang rejects `p->~T(a...)` even when the pack is empty).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <new>

#include "Inputs/trace.h"

struct Placed {
  ~Placed() { trace("~Placed"); }
};

int main() {
  alignas(Placed) unsigned char Buffer[sizeof(Placed)];
  Placed *P = new (Buffer) Placed;
  // CHECK: [](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)->~Placed(); }, ::cxxdefer::detail::value_arg{P}
  __defer(P->~Placed());
  alignas(Placed) unsigned char Other[sizeof(Placed)];
  Placed &R = *new (Other) Placed;
  if (P) {
    // CHECK: [](auto&& cxxdefer_o) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).~Placed(); }
    __defer(R.~Placed());
  }
  trace("body");
  return 0;
}

// EXEC:      body
// EXEC-NEXT: ~Placed
// EXEC-NEXT: ~Placed
// EXEC-EMPTY:
