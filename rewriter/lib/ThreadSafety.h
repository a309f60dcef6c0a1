//===- ThreadSafety.h - Deferred releases for -Wthread-safety ---*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Clang's thread-safety analysis cannot see a release that a deferred
/// call makes at exit (cxxdefer/thread_safety.h says how the rewritten
/// code shows it). This stage reads the callee's attributes: whether it
/// has any (its caller lambda is then not analysed), and which
/// capabilities it releases, as expressions the function body can spell
/// again - the call's object, one of its arguments, or a member of the
/// object. A release it cannot spell (a side effect in the expression, an
/// attribute naming something else) gets no scoped capability: the
/// analysis then warns, as it would without cxxdefer, and the code is
/// still right.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_THREADSAFETY_H
#define CXXDEFER_LIB_THREADSAFETY_H

#include "Plan.h"

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace cxxdefer {

/// Fills \p Call's NotAnalysed and \p Held for the deferred call \p E.
/// Held's names are left to the caller.
void planThreadSafety(const clang::Expr *E, clang::ASTContext &Ctx,
                      CallPlan &Call, std::vector<HeldCapability> &Held);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_THREADSAFETY_H
