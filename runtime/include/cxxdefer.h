//===- cxxdefer.h - Go's defer, panic and recover for C++ -----------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The only header user code includes. It does two unrelated jobs:
///
/// 1. It makes `__defer(call);`, `__errdefer(call);`, `__result` and
///    `__recover()` *parse* in any tool, and makes compiling them to object
///    code without the plugin fail with an error that names the plugin
///    (cxxdefer/parse_only.h). The plugin and the batch rewriter replace
///    every `__defer` and `__result` before the real compile, so rewritten
///    code never reaches those definitions.
///
/// 2. It is the header-only runtime that rewritten code calls: operands and
///    bound calls (cxxdefer/operands.h, cxxdefer/call.h), open-coded slots
///    (cxxdefer/slots.h), stack- and heap-allocated records
///    (cxxdefer/frame.h, cxxdefer/pool.h), `__recover()`
///    (cxxdefer/panic.h), the chain of exceptions that deferred calls
///    replaced and its report at std::terminate (cxxdefer/replaced.h,
///    cxxdefer/report.h), and what -Wthread-safety needs to see deferred
///    releases (cxxdefer/thread_safety.h). Every name rewritten code may
///    use is listed in the rewriter's RuntimeAbi.def.
///
/// Nothing here needs linking; rewritten code compiles with GCC and Clang
/// under C++14 or later with only this directory on the include path.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_H
#define CXXDEFER_H

// IWYU pragma: begin_exports
#include "cxxdefer/config.h"
#include "cxxdefer/parse_only.h"
#include "cxxdefer/operands.h"
#include "cxxdefer/call.h"
#include "cxxdefer/replaced.h"
#include "cxxdefer/report.h"
#include "cxxdefer/panic.h"
#include "cxxdefer/slots.h"
#include "cxxdefer/frame.h"
#include "cxxdefer/pool.h"
#include "cxxdefer/thread_safety.h"
// IWYU pragma: end_exports

#endif // CXXDEFER_H
