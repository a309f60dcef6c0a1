//===- NamedResult.h - __result and what a handler returns after recover --===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Stage 3b of the pipeline, beside planCaptures: decide how the function
/// returns (ResultPlan in DeferSite.h).
///
/// Go's named results are variables that the return statement assigns
/// before the deferred calls run, and that the function returns after
/// they ran. A function that uses `__result` is rewritten the same way:
///
///     R f() {                              R f() {
///       __defer(bump(__result));     ──►     R cxxdefer_result{}; {
///       return 1;                              ...bump(cxxdefer_result)...
///     }                                        { cxxdefer_result = 1; goto cxxdefer_return; }
///                                            } cxxdefer_return: return cxxdefer_result; }
///
/// The goto leaves the inner block, so the slots and frames run the
/// deferred calls (which see and may change the value), then the final
/// return copies it out. Such a function gives up guaranteed copy
/// elision; every other function keeps its return statements untouched.
///
/// After a recovery (SPEC 3.2) a handler must return something: nothing in
/// a void function, a constructor or a destructor; the named result; else
/// a value-initialised result, which needs the type spelled in the body.
/// Where the type cannot be spelled (a return type deduced inside a
/// template, a closure type) or cannot be value-initialised, the function
/// cannot recover and `__recover()` is null in its deferred calls.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITER_NAMEDRESULT_H
#define CXXDEFER_REWRITER_NAMEDRESULT_H

#include "DeferSite.h"
#include "RewriteTranslationUnit.h"

namespace cxxdefer {

/// Fills \p F.Result. \returns false, with errors in \p Findings, when
/// `__result` is used where it cannot be (SPEC 6).
bool planResult(DeferFunction &F, clang::ASTContext &Ctx,
                std::vector<Finding> &Findings);

} // namespace cxxdefer

#endif // CXXDEFER_REWRITER_NAMEDRESULT_H
