// A translation unit whose only defer statements are errdefers is rewritten
// too: the plugin's scan looks for that keyword as well (it once missed it,
// and the compile failed with the header's "needs the plugin" error). This
// file names no other keyword of the extension, not even in a comment.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "../rewriter/Inputs/trace.h"

static void mayFail(bool Fail) {
  // CHECK: ::cxxdefer::detail::{{[a-z_]+}} cxxdefer_d[[#@LINE+1]]_3{
  __errdefer(trace("undo"));
  trace("work");
  if (Fail)
    throw 1;
}

int main() {
  mayFail(false);
  try {
    mayFail(true);
  } catch (int) {
    trace("caught");
  }
  return 0;
}
// EXEC:      work
// EXEC-NEXT: work
// EXEC-NEXT: undo
// EXEC-NEXT: caught
// EXEC-EMPTY:
