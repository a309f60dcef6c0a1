// A deferred call that keeps a reference to a local of a nested block
// would dangle: the block ends before the function returns. The rewriter
// warns at the operand, with a note at the declaration (SPEC 6), for a
// reference parameter, the object of a member call and a by-reference
// capture. Copies, function-scope locals and statics are fine.
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp 2> %t.err
// RUN: %FileCheck %s --check-prefix=WARN --input-file=%t.err --implicit-check-not=warning:
// RUN: %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void showRef(const int &N) { traceInt("showRef", N); }
static void showValue(int N) { traceInt("showValue", N); }

void run(bool Flag) {
  int Outer = 1;
  __defer(showRef(Outer));
  if (Flag) {
    int Inner = 2;
    static int Static = 3;
    // WARN: dangling-reference-warning.cpp:[[@LINE+2]]:{{[0-9]+}}: warning: the deferred call keeps a reference to 'Inner', which is destroyed before the function returns
    // WARN: dangling-reference-warning.cpp:[[@LINE-3]]:9: note: 'Inner' declared here
    __defer(showRef(Inner));
    __defer(showValue(Inner));
    __defer(showRef(Static));
  }
  {
    Tracked Block("block");
    // WARN: dangling-reference-warning.cpp:[[@LINE+2]]:{{[0-9]+}}: warning: the deferred call keeps a reference to 'Block', which is destroyed before the function returns
    // WARN: dangling-reference-warning.cpp:[[@LINE-2]]:13: note: 'Block' declared here
    __defer(Block.use("deferred"));
    // WARN: dangling-reference-warning.cpp:[[@LINE+2]]:{{[0-9]+}}: warning: the deferred closure captures 'Block' by reference, but it is destroyed before the function returns
    // WARN: dangling-reference-warning.cpp:[[@LINE-5]]:13: note: 'Block' declared here
    __defer([&Block] { Block.use("closure"); }());
  }
}
