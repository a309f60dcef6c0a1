//===- ThreadSafety.cpp - Deferred releases for -Wthread-safety -----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "ThreadSafety.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace cxxdefer {

static bool hasThreadSafetyAttributes(const FunctionDecl *FD) {
  return FD->hasAttr<AcquireCapabilityAttr>() ||
         FD->hasAttr<TryAcquireCapabilityAttr>() ||
         FD->hasAttr<ReleaseCapabilityAttr>() ||
         FD->hasAttr<RequiresCapabilityAttr>() ||
         FD->hasAttr<LocksExcludedAttr>() ||
         FD->hasAttr<AssertCapabilityAttr>() ||
         FD->hasAttr<AssertExclusiveLockAttr>() ||
         FD->hasAttr<AssertSharedLockAttr>();
}

namespace {

/// The deferred call, and how its capabilities are spelled in the body.
struct DeferredCall {
  const CallExpr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
  /// A member call's object expression; null for an implicit `this`.
  const Expr *Object = nullptr;
  bool ObjectIsPointer = false;
  bool ImplicitThis = false;

  /// The capability \p Arg of the callee's attribute names, spelled for the
  /// caller's body; false if it cannot be.
  bool spell(const Expr *Arg, ASTContext &Ctx, HeldCapability &Out) const;
  /// `this` of the callee: the object.
  bool spellObject(ASTContext &Ctx, HeldCapability &Out) const;
};

} // namespace

bool DeferredCall::spellObject(ASTContext &Ctx, HeldCapability &Out) const {
  if (ImplicitThis) {
    Out.Spelling = "*this";
    return true;
  }
  if (!Object || Object->HasSideEffects(Ctx))
    return false;
  Out.Text = Span::of(Object->getBeginLoc(), Object->getEndLoc());
  return true;
}

bool DeferredCall::spell(const Expr *Arg, ASTContext &Ctx,
                         HeldCapability &Out) const {
  Arg = Arg->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Arg))
    return spellObject(Ctx, Out);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg)) {
    const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
    unsigned Index = Param ? Param->getFunctionScopeIndex() : 0;
    // The attribute may be on another declaration of the callee, naming
    // that declaration's parameter.
    const auto *Owner =
        Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
    if (!Owner || Owner->getCanonicalDecl() != Callee->getCanonicalDecl() ||
        Index >= Call->getNumArgs())
      return false;
    const Expr *Value = Call->getArg(Index);
    if (Value->HasSideEffects(Ctx) || Value->isDefaultArgument() ||
        Value->getBeginLoc().isInvalid())
      return false;
    Out.Text = Span::of(Value->getBeginLoc(), Value->getEndLoc());
    return true;
  }
  // A member of the callee's object: `RELEASE(mu_)`.
  if (const auto *Member = dyn_cast<MemberExpr>(Arg)) {
    const auto *This =
        dyn_cast<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!This || !Field || !Field->getIdentifier())
      return false;
    if (ImplicitThis) {
      Out.Spelling = "this";
      Out.Member = "->" + Field->getName().str();
      return true;
    }
    if (!spellObject(Ctx, Out))
      return false;
    Out.Member = (ObjectIsPointer ? "->" : ".") + Field->getName().str();
    return true;
  }
  return false;
}

void planThreadSafety(const Expr *E, ASTContext &Ctx, CallPlan &Plan,
                      std::vector<HeldCapability> &Held) {
  DeferredCall D;
  D.Call = dyn_cast_or_null<CallExpr>(E);
  D.Callee = D.Call ? D.Call->getDirectCallee() : nullptr;
  if (!D.Callee || isa<CXXOperatorCallExpr>(D.Call) ||
      !hasThreadSafetyAttributes(D.Callee))
    return;
  Plan.NotAnalysed = true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(D.Call)) {
    const auto *Callee =
        dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens());
    if (!Callee)
      return;
    D.ImplicitThis = Callee->isImplicitAccess();
    D.Object = D.ImplicitThis ? nullptr : Callee->getBase();
    D.ObjectIsPointer = Callee->isArrow();
  }
  for (const auto *Release :
       D.Callee->specific_attrs<ReleaseCapabilityAttr>()) {
    // A generic release (`unlock_function`) says nothing of the mode the
    // capability is held in: adopting it as shared is right for both.
    bool Shared = Release->isShared() || Release->isGeneric();
    if (Release->args_size() == 0) {
      HeldCapability H;
      H.Shared = Shared;
      if (D.Object || D.ImplicitThis) {
        if (D.spellObject(Ctx, H))
          Held.push_back(H);
      }
      continue;
    }
    for (const Expr *Arg : Release->args()) {
      HeldCapability H;
      H.Shared = Shared;
      if (D.spell(Arg, Ctx, H))
        Held.push_back(H);
    }
  }
}

} // namespace cxxdefer
