//===- PlanResult.h - __result and what a recovered function returns ===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Go gives a function's result slots a value when `return e` runs, then
/// runs the deferred calls, which may read and change named results; a
/// recovered function returns whatever its results hold. C++ builds the
/// return object in place (guaranteed elision, NRVO), so the rewriter
/// chooses, per function (Plan.h, ResultStrategy):
///
///   - Named, Go's way, when the function names `__result`, and when it
///     can recover and returns a trivially copyable, default-constructible
///     type (a scalar, a pointer, a plain struct): no copy elision is at
///     stake, so after a recovery it returns the value `return e;` set, as
///     later deferred calls left it (SPEC 2.6, 3.2).
///   - ValueInitialisedAfterRecovery, when it can recover and returns any
///     other type: returns stay as written, elision and NRVO are kept
///     (SPEC 2.4), and after a recovery it returns a value-initialised
///     result - with a remark at the function that says so.
///   - Untouched otherwise: nothing can recover, returns stay as written.
///
/// A function "can recover" when one of its deferred calls can reach
/// `__recover()` (Reach.h) and its result can be named in its body.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_PLANRESULT_H
#define CXXDEFER_LIB_PLANRESULT_H

#include "Plan.h"
#include "Sites.h"

namespace clang {
class ASTContext;
}

namespace cxxdefer {

/// Chooses \p F's result strategy, given whether any deferred call can
/// reach __recover(). Positions are left to the caller. \returns false with
/// errors in \p Findings on a misuse of `__result`.
bool planResult(const DeferFunction &F, bool AnyCanRecover,
                clang::ASTContext &Ctx, ResultPlan &Plan,
                std::vector<Finding> &Findings);

/// CWG 2176: when a deferred call throws after `return e;` built the
/// return object, C++ destroys that object; Clang (up to at least 22) does
/// not, GCC does. Where it can happen - a result with a destructor, a
/// deferred call that may throw, no named result - every `return e;` gets
/// its object tracked (cxxdefer/panic.h, returned<T>). Needs \p Plan's
/// sites classified.
void planReturnTracking(const DeferFunction &F, clang::ASTContext &Ctx,
                        FunctionPlan &Plan);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_PLANRESULT_H
