//===- DanglingReferences.cpp - A kept reference that outlives its object -===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// SPEC 6: a deferred call runs when the function returns, so a reference
/// kept at the defer statement to a local of an inner block dangles by
/// then - the block ended, the local was destroyed. C++ would not see it:
/// the rewritten statement binds the reference legally and the call at exit
/// is through a pointer. So the planner warns wherever it keeps a
/// reference (Keep::Reference, and a closure's by-reference captures) to a
/// variable declared inside the body but not at its top level, at the
/// operand and with a note at the declaration.
///
/// Only what the expression names directly is followed: members through
/// `.` and elements of arrays belong to the variable; `->` and a pointer's
/// `[]` lead to objects whose lifetime the AST does not tell, and are not
/// judged. SPEC 6 asks for a warning, not an error: the rewrite is still
/// what the user wrote.
///
/// isNestedLocal is also what Explain.cpp asks to describe a kept operand.
///
//===----------------------------------------------------------------------===//

#include "CallPlanner.h"
#include "PlanCall.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace cxxdefer {

/// Warns when \p Kept, an operand kept by reference, designates (a part
/// of) a local that is destroyed before the deferred call runs.
void CallPlanner::warnIfDangling(const Expr *Kept) {
  const Expr *E = Kept->IgnoreParenImpCasts();
  while (true) {
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        return;
      E = Member->getBase()->IgnoreParenImpCasts();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!Subscript->getBase()
               ->IgnoreParenImpCasts()
               ->getType()
               ->isArrayType())
        return;
      E = Subscript->getBase()->IgnoreParenImpCasts();
    } else {
      break;
    }
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !F || !isNestedLocal(Var, *F, SM))
    return;
  Findings.push_back({DiagId::DanglingReference,
                      SM.getFileLoc(Kept->getBeginLoc()),
                      {Var->getNameAsString()}});
  Findings.push_back({DiagId::DeclaredHere,
                      SM.getFileLoc(Var->getLocation()),
                      {Var->getNameAsString()}});
}

/// Same as warnIfDangling for the by-reference captures of a deferred
/// closure.
void CallPlanner::warnIfClosureDangles(const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var || !F || !isNestedLocal(Var, *F, SM))
      continue;
    SourceLocation Loc =
        Capture.isImplicit() ? Lambda->getBeginLoc() : Capture.getLocation();
    Findings.push_back({DiagId::DanglingCapture,
                        SM.getFileLoc(Loc),
                        {Var->getNameAsString()}});
    Findings.push_back({DiagId::DeclaredHere,
                        SM.getFileLoc(Var->getLocation()),
                        {Var->getNameAsString()}});
  }
}

/// True if \p Var is a local of \p F's body that lives in a nested block
/// (so it is destroyed before the function returns).
bool isNestedLocal(const VarDecl *Var, const DeferFunction &F,
                   const SourceManager &SM) {
  // The analysis parse's `__result` is the named result: it lives as long
  // as the function's deferred calls.
  if (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var) || Var->isImplicit())
    return false;
  for (const Stmt *S : F.Body->body())
    if (const auto *Decls = dyn_cast<DeclStmt>(S))
      for (const Decl *D : Decls->decls())
        if (D == Var)
          return false;
  // Declared somewhere inside this body, but not at its top level.
  return SM.isBeforeInTranslationUnit(F.Body->getLBracLoc(),
                                      Var->getLocation()) &&
         SM.isBeforeInTranslationUnit(Var->getLocation(),
                                      F.Body->getRBracLoc());
}

} // namespace cxxdefer
