//===- CapturePlan.h - What a defer statement evaluates now ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Stage 3 of the pipeline: decide, for one defer statement, how the
/// callee, the object expression and each argument are evaluated at the
/// defer statement and kept until the call runs (SPEC 2.3, Go's "the
/// function value and parameters are evaluated as usual and saved anew").
///
/// The rule is C++'s own parameter initialisation, moved to the defer
/// statement: a reference parameter binds now to the object its argument
/// designates (the record keeps a pointer); a by-value parameter, or a
/// temporary bound to a reference parameter, is made now (the record keeps
/// the value). Where Sema cannot tell (a dependent call in a template), the
/// candidates found by name lookup decide when they agree; otherwise an
/// lvalue is kept by reference and anything else by value.
///
/// It also warns when a reference is kept to a local whose block ends
/// before the function returns (SPEC 6): the deferred call would dangle.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITER_CAPTUREPLAN_H
#define CXXDEFER_REWRITER_CAPTUREPLAN_H

#include "DeferSite.h"
#include "RewriteTranslationUnit.h"

namespace cxxdefer {

/// Fills \p Site.Plan. \returns false, with an error in \p Findings, when
/// the deferred expression is not a call the rewriter can keep (not a call
/// at all, or spelled through a macro).
bool planCaptures(DeferSite &Site, const DeferFunction &F,
                  clang::ASTContext &Ctx, std::vector<Finding> &Findings);

/// \p T spelled so that it means the same anywhere in the function body:
/// fully qualified, from the global namespace.
std::string spellType(clang::QualType T, const clang::ASTContext &Ctx);

} // namespace cxxdefer

#endif // CXXDEFER_REWRITER_CAPTUREPLAN_H
