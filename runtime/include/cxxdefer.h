//===- cxxdefer.h - Go's defer, panic and recover for C++ -----------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The only header user code includes. It does two unrelated jobs:
///
/// 1. It makes `__defer(call);`, `__result` and `__recover()` *parse* in any
///    tool (clangd, clang-tidy, `-fsyntax-only` with GCC or Clang), and makes
///    compiling them to object code without the plugin fail with an error
///    that names the plugin (cxxdefer/parse_only.h). The plugin and the batch
///    rewriter replace every `__defer` and `__result` before the real
///    compile, so rewritten code never reaches those definitions.
///
/// 2. It is the header-only runtime that rewritten code calls: binding a
///    call at the defer statement (cxxdefer/bind.h), the open-coded slots
///    that run it at function exit (cxxdefer/open_coded.h), and `__recover`.
///
/// Nothing here needs linking; the rewritten code compiles with GCC and
/// Clang under C++14 or later with only this directory on the include path.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_H
#define CXXDEFER_H

#include "cxxdefer/parse_only.h"
#include "cxxdefer/bind.h"
#include "cxxdefer/panic.h"
#include "cxxdefer/open_coded.h"
#include "cxxdefer/chain.h"
#include "cxxdefer/pool.h"

#endif // CXXDEFER_H
