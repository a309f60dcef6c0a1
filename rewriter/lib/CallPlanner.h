//===- CallPlanner.h - The state of planning one deferred call --*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Private to the call planner, whose public face is PlanCall.h. Planning
/// one call is a walk over its expression that appends operands to a
/// CallPlan; the walk is split by the question each part answers, one file
/// each:
///
///   PlanCall.cpp          the call's shape: which callee, which object,
///                         and how each is kept
///   PlanArguments.cpp     how each argument initialises its parameter,
///                         written or default, braced or not
///   DanglingReferences.cpp  whether a kept reference outlives its object
///   PlanDependentCall.cpp   which operands of a call in a template bind
///                         per instantiation, and each instantiation's
///                         bindings
///
/// CallPlanner is the state they share: the plan being built, the
/// expression behind each operand (kept in step with Plan.Operands), and
/// where to report.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_CALLPLANNER_H
#define CXXDEFER_LIB_CALLPLANNER_H

#include "Plan.h"
#include "Sites.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>

namespace clang {
class ASTContext;
class SourceManager;
} // namespace clang

namespace cxxdefer {

/// Builds one CallPlan.
class CallPlanner {
public:
  /// \p F is null when planning an instantiation (no warnings).
  CallPlanner(const DeferFunction *F, clang::ASTContext &Ctx, CallPlan &Plan,
              std::vector<Finding> &Findings, clang::SourceLocation Where);

  /// Plans the call \p E. \returns false with an error in Findings.
  bool run(const clang::Expr *E);

  /// The expressions behind Plan.Operands, in order.
  std::vector<const clang::Expr *> OperandExprs;

private:
  const DeferFunction *F;
  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  CallPlan &Plan;
  std::vector<Finding> &Findings;
  clang::SourceLocation Where;

  bool fail(DiagId Id, clang::SourceLocation Loc,
            std::vector<std::string> Args = {});

  // PlanCall.cpp: the shape, the callee and the object.
  bool planOperatorCall(const clang::CXXOperatorCallExpr *Call);
  bool planMemberCall(const clang::CallExpr *Call, const clang::Expr *Callee);
  bool planPlainCall(const clang::CallExpr *Call);
  bool addOperand(const clang::Expr *E, Keep How, std::string Type = "");
  void setCallee(clang::SourceRange R);
  Keep objectBinding(const clang::Expr *Object) const;
  Keep calleeBinding(const clang::Expr *Callee) const;
  unsigned keptCount() const;

  // PlanArguments.cpp: the arguments.
  bool addArguments(const clang::CallExpr *Call, unsigned FirstArg,
                    const clang::FunctionProtoType *Proto,
                    const clang::FunctionDecl *Callee,
                    const clang::Expr *CalleeName);
  bool addArgument(const clang::Expr *Arg, clang::QualType Param,
                   const clang::ParmVarDecl *Parm);
  bool addInitializerList(const clang::Expr *Arg, clang::QualType Element);
  bool addDefaultArguments(const clang::CallExpr *Call, unsigned FirstArg);
  Keep argumentBinding(const clang::Expr *Arg, clang::QualType Param,
                       std::string &Type) const;
  std::optional<bool> candidatesTakeReference(const clang::Expr *CalleeName,
                                              unsigned Index) const;

  // DanglingReferences.cpp.
  void warnIfDangling(const clang::Expr *Kept);
  void warnIfClosureDangles(const clang::LambdaExpr *Lambda);
};

/// PlanDependentCall.cpp: marks the operands of \p Plan, a dependent
/// call's pattern, whose binding depends on the instantiation, and \p Plan
/// itself if any does. \p OperandExprs are the expressions behind them.
void markPerInstantiation(CallPlan &Plan,
                          llvm::ArrayRef<const clang::Expr *> OperandExprs);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_CALLPLANNER_H
