//===- PlanResult.cpp - __result and what a recovered function returns ===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "PlanResult.h"
#include "SpellType.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace cxxdefer {

/// The function's result type as the body can spell it, or a null type when
/// it cannot: deduced inside a template, or a closure or unnamed class.
static QualType spellableResultType(const FunctionDecl *FD,
                                    const ASTContext &Ctx) {
  QualType T = FD->getReturnType();
  if (const auto *Auto = T->getAs<AutoType>()) {
    if (!Auto->isDeduced() || Auto->isDependentType())
      return QualType();
    T = Auto->getDeducedType();
  } else if (T->getContainedDeducedType()) {
    if (T->isDependentType())
      return QualType();
    T = T.getCanonicalType();
  }
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    if (RD->isLambda() || !RD->getIdentifier())
      return QualType();
  if (!isSpellable(spellType(T, Ctx)))
    return QualType();
  return T;
}

/// Why `__result` cannot name a value of type \p T; empty if it can.
static std::string whyNotNameable(QualType T, const ASTContext &Ctx) {
  if (T->isReferenceType())
    return "its result type '" + T.getAsString(Ctx.getPrintingPolicy()) +
           "' is a reference, which cannot be default-constructed";
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    if (RD->hasDefinition() && !RD->hasDefaultConstructor())
      return "its result type '" + T.getAsString(Ctx.getPrintingPolicy()) +
             "' is not default-constructible";
  return "";
}

/// Whether Go's named result costs nothing C++ would otherwise keep: a
/// trivially copyable type, default-constructible.
static bool namingIsFree(QualType T, const ASTContext &Ctx) {
  if (T->isReferenceType() || T->isDependentType() ||
      !T.isTriviallyCopyableType(Ctx))
    return false;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return !RD || (RD->hasDefinition() && RD->hasDefaultConstructor() &&
                 !RD->hasUserProvidedDefaultConstructor());
}

bool planResult(const DeferFunction &F, bool AnyCanRecover, ASTContext &Ctx,
                ResultPlan &Plan, std::vector<Finding> &Findings) {
  const FunctionDecl *FD = F.Function;
  const SourceManager &SM = Ctx.getSourceManager();
  auto misuse = [&](const std::string &Why) {
    for (const DeclRefExpr *Ref : F.ResultRefs)
      Findings.push_back(
          {DiagId::ResultMisuse, SM.getFileLoc(Ref->getBeginLoc()), {Why}});
    return false;
  };
  Plan.Coroutine = F.Coroutine;
  // C++20 allows neither goto nor labels in a constexpr function.
  Plan.ReturnInHandler = F.StaysConstexpr && !Ctx.getLangOpts().CPlusPlus23;

  if (F.Coroutine) {
    if (!F.ResultRefs.empty())
      return misuse("a coroutine's result is its return object; it has no "
                    "'__result'");
    // A recovery ends the body with `co_return;`, which needs the promise's
    // return_void (the implicit fall-off-the-end handler).
    const auto *Body = cast<CoroutineBodyStmt>(FD->getBody());
    Plan.ReturnsNothing = true;
    Plan.CanRecover = AnyCanRecover && Body->getFallthroughHandler()
                          ? ResultPlan::Yes
                          : ResultPlan::No;
    // `co_return;` calls return_void() before the body's locals (the
    // slots) are destroyed: the deferred calls would run after it, and a
    // recovery would end the body a second time. So every `co_return;`
    // jumps past the slots to one `co_return;`, in every coroutine with
    // return_void() (one order, whether or not a call can recover). A
    // coroutine with return_value() sets its result first, as Go's
    // `return e` does.
    if (Body->getFallthroughHandler() &&
        llvm::all_of(F.CoReturns, [](const CoReturnSite &C) {
          const Expr *Operand = C.CoReturn->getOperand();
          return !Operand || Operand->getType()->isVoidType();
        }))
      Plan.Strategy = ResultStrategy::CoReturnAfterDefers;
    return true;
  }

  if (isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD) ||
      FD->getReturnType()->isVoidType()) {
    Plan.ReturnsNothing = true;
    Plan.CanRecover = AnyCanRecover ? ResultPlan::Yes : ResultPlan::No;
    if (!F.ResultRefs.empty())
      return misuse(isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD)
                        ? "a constructor or destructor has no result"
                        : "the function returns void");
    return true;
  }

  QualType T = spellableResultType(FD, Ctx);
  if (T.isNull()) {
    if (!F.ResultRefs.empty())
      return misuse("its result type cannot be named in its body (it is "
                    "deduced in a template, or a closure or unnamed type)");
    // It still gets panic scopes (so __recover() answers null in it rather
    // than reaching an outer frame's exception), but never recovers.
    Plan.CanRecover = ResultPlan::No;
    return true;
  }
  Plan.Type = spellType(T, Ctx);
  assert(!Plan.Type.empty() && "a spellable result type has a spelling");

  if (!F.ResultRefs.empty()) {
    if (Plan.ReturnInHandler)
      return misuse("a constexpr function can name its result only from "
                    "C++23 on (it needs a goto)");
    std::string Why = whyNotNameable(T, Ctx);
    if (!Why.empty())
      return misuse(Why);
    Plan.Strategy = ResultStrategy::Named;
    Plan.CanRecover = ResultPlan::Yes;
    return true;
  }
  if (!AnyCanRecover)
    return true;
  if (Plan.ReturnInHandler) {
    // No label to jump to: the handler returns the result itself.
    Plan.CanRecover = ResultPlan::IfValueInitialisable;
    return true;
  }
  if (namingIsFree(T, Ctx)) {
    Plan.Strategy = ResultStrategy::Named;
    Plan.CanRecover = ResultPlan::Yes;
    return true;
  }
  Plan.Strategy = ResultStrategy::ValueInitialisedAfterRecovery;
  Plan.CanRecover = ResultPlan::IfValueInitialisable;
  return true;
}

/// Whether a `T v = e; return v;` compiles for a class T: it has a move or
/// copy constructor that is not deleted and that anyone may call.
static bool canBeMovedOrCopied(const CXXRecordDecl *RD) {
  if ((RD->needsImplicitMoveConstructor() &&
       !RD->defaultedMoveConstructorIsDeleted()) ||
      (RD->needsImplicitCopyConstructor() &&
       !RD->defaultedCopyConstructorIsDeleted()))
    return true;
  return llvm::any_of(RD->ctors(), [](const CXXConstructorDecl *C) {
    return (C->isMoveConstructor() || C->isCopyConstructor()) &&
           !C->isDeleted() && C->getAccess() == AS_public;
  });
}

/// The expression a return statement builds its object from, under the
/// implicit conversions and the temporary's bookkeeping.
static const CXXConstructExpr *returnConstruction(const Expr *Value) {
  const Expr *E = Value->IgnoreParens();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    E = Cleanups->getSubExpr();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr();
  return dyn_cast<CXXConstructExpr>(E);
}

void planReturnTracking(const DeferFunction &F, ASTContext &Ctx,
                        FunctionPlan &Plan) {
  ResultPlan &R = Plan.Result;
  const FunctionDecl *FD = F.Function;
  bool MayThrowAfterReturn = llvm::any_of(Plan.Sites, [](const SitePlan &S) {
    return S.OnException != Exit::Guard;
  });
  // Tracking relies on NRVO: -fno-elide-constructors would destroy the
  // tracked local itself.
  if (!Plan.Exceptions || !MayThrowAfterReturn || F.Coroutine ||
      F.StaysConstexpr || R.ReturnsNothing ||
      R.Strategy == ResultStrategy::Named ||
      !Ctx.getLangOpts().ElideConstructors)
    return;
  QualType T = spellableResultType(FD, Ctx);
  if (T.isNull() || T->isReferenceType())
    return;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  // A result that cannot be moved keeps Clang's leak: building it in a
  // local first would not compile.
  if (!RD || !RD->hasDefinition() || !RD->hasNonTrivialDestructor() ||
      !canBeMovedOrCopied(RD))
    return;
  std::vector<ReturnPlan> Returns;
  for (const ReturnSite &Return : F.Returns) {
    const Expr *Value = Return.Return->getRetValue();
    if (!Value)
      continue;
    if (Return.Semicolon.isInvalid())
      return;
    ReturnPlan P;
    SourceLocation Keyword = Return.Return->getReturnLoc();
    P.Keyword = Span::of(Keyword, Keyword);
    P.Semicolon = Span::of(Return.Semicolon, Return.Semicolon);
    P.HasValue = true;
    if (const VarDecl *V = Return.Return->getNRVOCandidate();
        V && V->isNRVOVariable()) {
      P.TrackedVariable = V->getName().str();
    } else {
      const Expr *Written = Value->IgnoreUnlessSpelledInSource();
      P.Value = Span::of(Written->getBeginLoc(), Written->getEndLoc());
      // `return local;` moves the local (C++'s implicit move): the AST
      // shows it as an xvalue argument of the construction.
      if (const CXXConstructExpr *Construct = returnConstruction(Value))
        P.MoveValue = Construct->getNumArgs() == 1 &&
                      Construct->getArg(0)->isXValue() &&
                      isa<DeclRefExpr>(Construct->getArg(0)->IgnoreImpCasts());
    }
    Returns.push_back(P);
  }
  R.TrackReturned = true;
  R.Type = spellType(T, Ctx);
  R.Returns = std::move(Returns);
}

} // namespace cxxdefer
