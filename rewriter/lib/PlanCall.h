//===- PlanCall.h - What a defer statement evaluates now --------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Decides, for one defer statement, how the callee, the object expression
/// and each argument are evaluated at the defer statement and kept until
/// the call runs (SPEC 2.3, Go's "the function value and parameters are
/// evaluated as usual and saved anew").
///
/// The rule is C++'s own parameter initialisation, moved to the defer
/// statement: a reference parameter binds now to the object its argument
/// designates (a pointer is kept); a by-value parameter, or a temporary
/// bound to a reference parameter, is made now (the value is kept; in
/// place, when it is built from a braced list). Default arguments the call
/// does not write are arguments too: evaluated now, spelled at the defer
/// statement. A braced list for a std::initializer_list parameter keeps
/// its elements.
///
/// In a template a call may depend on the template's parameters; then the
/// binding is decided for every instantiation the translation unit makes
/// (Instantiations.h), never once for the pattern.
///
/// It also warns when a reference is kept to a local whose block ends
/// before the function returns (SPEC 6): the deferred call would dangle.
///
/// The implementation is split by question (CallPlanner.h): the call's
/// shape, callee and object (PlanCall.cpp), its arguments
/// (PlanArguments.cpp), dangling references (DanglingReferences.cpp), and
/// dependent calls (PlanDependentCall.cpp). Types it spells come from
/// SpellType.h.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_PLANCALL_H
#define CXXDEFER_LIB_PLANCALL_H

#include "Plan.h"
#include "Sites.h"

namespace clang {
class ASTContext;
class SourceManager;
class VarDecl;
} // namespace clang

namespace cxxdefer {

/// Plans the call of \p Site in \p F. \returns false, with an error in
/// \p Findings, when the deferred expression is not a call the rewriter
/// can keep. The plan's spans hold SourceLocations only; placement fills
/// their text positions. \p OperandExprs, if given, receives the
/// expression behind each of the plan's operands.
bool planCall(const DeferSite &Site, const DeferFunction &F,
              clang::ASTContext &Ctx, CallPlan &Plan,
              std::vector<Finding> &Findings,
              std::vector<const clang::Expr *> *OperandExprs = nullptr);

/// True if \p Var is a local of \p F's body declared in a nested block,
/// which ends before the function's deferred calls run.
bool isNestedLocal(const clang::VarDecl *Var, const DeferFunction &F,
                   const clang::SourceManager &SM);

/// Plans \p Call, an instantiation of a dependent deferred call, for the
/// table of its pattern: the exact type of each operand and its binding.
/// \returns false, with an error at \p Where, if it cannot be expressed.
bool planInstantiation(const clang::Expr *Call, const CallPlan &Pattern,
                       clang::ASTContext &Ctx, clang::SourceLocation Where,
                       InstantiationPlan &Out, std::vector<Finding> &Findings);

/// Whether \p E, a deferred call in a template, depends on the template's
/// parameters in a way that may bind its operands differently per
/// instantiation.
bool isDependentCall(const clang::Expr *E);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_PLANCALL_H
