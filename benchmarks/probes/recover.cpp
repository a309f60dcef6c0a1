//===- benchmarks/probes/recover.cpp - Does this build have __recover? ----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// scripts/bench.sh compiles this through the plugin (-fsyntax-only is not
/// enough: the parse-only header accepts more than the rewriter does, so it
/// is compiled to an object) and defines CXXDEFER_BENCH_HAVE_RECOVER=1 for
/// the panic scenario only if it succeeds. It uses exactly the features
/// that scenario needs: __recover() and __result in a deferred closure.
///
//===----------------------------------------------------------------------===//

#include <cxxdefer.h>

int probe_recover(int (*f)()) {
  __defer([&] {
    if (__recover())
      __result = -1;
  }());
  return f();
}
