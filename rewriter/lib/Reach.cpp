//===- Reach.cpp - What a deferred call can do when it runs ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Reach.h"
#include "cxxdefer/SystemCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cxxdefer {

/// Whether \p Proto says its function cannot throw. Sema leaves the
/// exception specification of an implicit member (a destructor used only
/// by `delete`, say) unevaluated until something needs it; asking such a
/// type is undefined (llvm_unreachable), so it counts as unknown here, and
/// the walk looks at the body instead.
static bool isKnownNothrow(const FunctionProtoType *Proto) {
  return Proto && !isUnresolvedExceptionSpec(Proto->getExceptionSpecType()) &&
         Proto->isNothrow();
}

namespace {

/// One question about one deferred call (see the file comment).
class Walk {
public:
  enum Question { Throw, Recover };

  Walk(ASTContext &Ctx, const SystemCode &System, Question Q)
      : Ctx(Ctx), System(System), Q(Q) {}

  /// Whether calling \p FD can do what the question asks.
  bool function(const FunctionDecl *FD) {
    if (!FD)
      return true;
    FD = FD->getMostRecentDecl();
    if (Q == Throw && isNothrow(FD))
      return false;
    if (Q == Recover && isRecover(FD))
      return true;
    const FunctionDecl *Definition = nullptr;
    const Stmt *Body = FD->getBody(Definition);
    if (!Body)
      return Q == Throw || !System.contains(FD->getLocation());
    if (!Seen.insert(Definition).second)
      return false; // already being answered: the first visit decides
    if (++Visited > Budget)
      return true;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Definition))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (stmt(Init->getInit(), false))
          return true;
    return stmt(Body, false);
  }

  /// Whether the deferred call \p E can do it when it runs: the callee
  /// only, since its operands were evaluated at the defer statement.
  bool deferred(const Expr *E) {
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return callExpr(Call);
    return stmt(E, false);
  }

private:
  ASTContext &Ctx;
  const SystemCode &System;
  Question Q;
  llvm::DenseSet<const FunctionDecl *> Seen;
  unsigned Visited = 0;
  static constexpr unsigned Budget = 400;

  static bool isNothrow(const FunctionDecl *FD) {
    return isKnownNothrow(FD->getType()->getAs<FunctionProtoType>());
  }

  static bool isRecover(const FunctionDecl *FD) {
    return FD->getIdentifier() && FD->getName() == "__recover" &&
           FD->getDeclContext()->getRedeclContext()->isTranslationUnit();
  }

  /// A call the walk cannot follow: a pointer, a virtual call.
  bool unknownCallee(QualType CalleeType) {
    if (Q == Recover)
      return true;
    if (const auto *Ptr = CalleeType->getAs<PointerType>())
      CalleeType = Ptr->getPointeeType();
    if (const auto *MemPtr = CalleeType->getAs<MemberPointerType>())
      CalleeType = MemPtr->getPointeeType();
    return !isKnownNothrow(CalleeType->getAs<FunctionProtoType>());
  }

  /// A system-header function without a body may still call what it is
  /// given: a function pointer or an object with an operator().
  static bool passesCallable(const CallExpr *Call) {
    for (const Expr *Arg : Call->arguments()) {
      QualType T = Arg->getType().getNonReferenceType();
      if (T->isFunctionPointerType() || T->isMemberFunctionPointerType() ||
          T->isFunctionType())
        return true;
      if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
        if (RD->hasDefinition() &&
            !RD->lookup(RD->getASTContext().DeclarationNames.getCXXOperatorName(
                            OO_Call))
                 .empty())
          return true;
    }
    return false;
  }

  bool callExpr(const CallExpr *Call) {
    const Decl *CalleeDecl = Call->getCalleeDecl();
    const auto *FD = dyn_cast_or_null<FunctionDecl>(CalleeDecl);
    if (!FD)
      return unknownCallee(Call->getCallee()->getType());
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
      if (Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
          !Method->getParent()->hasAttr<FinalAttr>() &&
          !isa<CXXOperatorCallExpr>(Call)) {
        const auto *Member =
            dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts());
        if (!Member || !Member->hasQualifier())
          return unknownCallee(FD->getType());
      }
    if (Q == Recover && !FD->hasBody() && System.contains(FD->getLocation()))
      return passesCallable(Call);
    return function(FD);
  }

  /// \p InsideCatchAll: a throw here is caught in the same body.
  bool stmt(const Stmt *S, bool InsideCatchAll) {
    if (!S)
      return false;
    switch (S->getStmtClass()) {
    case Stmt::CXXThrowExprClass:
      if (Q == Throw && !InsideCatchAll)
        return true;
      break;
    case Stmt::CallExprClass:
    case Stmt::CXXMemberCallExprClass:
    case Stmt::CXXOperatorCallExprClass:
    case Stmt::UserDefinedLiteralClass:
      if ((Q == Recover || !InsideCatchAll) && callExpr(cast<CallExpr>(S)))
        return true;
      break;
    case Stmt::CXXConstructExprClass:
    case Stmt::CXXTemporaryObjectExprClass:
      if ((Q == Recover || !InsideCatchAll) &&
          function(cast<CXXConstructExpr>(S)->getConstructor()))
        return true;
      break;
    case Stmt::CXXNewExprClass: {
      const auto *New = cast<CXXNewExpr>(S);
      if (Q == Throw && !InsideCatchAll && !New->shouldNullCheckAllocation())
        return true;
      break;
    }
    case Stmt::CXXDynamicCastExprClass:
      if (Q == Throw && !InsideCatchAll &&
          cast<CXXDynamicCastExpr>(S)->getType()->isReferenceType())
        return true;
      break;
    case Stmt::CXXTypeidExprClass:
      if (Q == Throw && !InsideCatchAll &&
          cast<CXXTypeidExpr>(S)->isPotentiallyEvaluated())
        return true;
      break;
    case Stmt::CXXBindTemporaryExprClass:
      if (Q == Recover &&
          function(
              cast<CXXBindTemporaryExpr>(S)->getTemporary()->getDestructor()))
        return true;
      break;
    case Stmt::CXXDeleteExprClass: {
      const auto *Delete = cast<CXXDeleteExpr>(S);
      if (const CXXRecordDecl *RD =
              Delete->getDestroyedType()->getAsCXXRecordDecl())
        if (RD->hasDefinition() && function(RD->getDestructor()))
          return true;
      break;
    }
    case Stmt::LambdaExprClass:
      // Creating a closure runs none of its body; calling it is a call.
      for (const Expr *Init : cast<LambdaExpr>(S)->capture_inits())
        if (stmt(Init, InsideCatchAll))
          return true;
      return false;
    case Stmt::CXXTryStmtClass: {
      const auto *Try = cast<CXXTryStmt>(S);
      bool CatchesAll = false;
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        CatchesAll |= Try->getHandler(I)->getExceptionDecl() == nullptr;
      if (stmt(Try->getTryBlock(), InsideCatchAll || CatchesAll))
        return true;
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        if (stmt(Try->getHandler(I)->getHandlerBlock(), InsideCatchAll))
          return true;
      return false;
    }
    case Stmt::CoroutineBodyStmtClass:
    case Stmt::CoawaitExprClass:
    case Stmt::CoyieldExprClass:
    case Stmt::DependentCoawaitExprClass:
      return true;
    default:
      if (const auto *E = dyn_cast<Expr>(S))
        if (E->isInstantiationDependent())
          return true; // a dependent expression: not resolved yet
      break;
    }
    for (const Stmt *Child : S->children())
      if (stmt(Child, InsideCatchAll))
        return true;
    return false;
  }
};

/// The parameters a call at exit initialises from kept operands: moving a
/// kept value into a by-value parameter runs its move constructor.
bool parameterMovesCanThrow(const Expr *UserCall, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(UserCall);
  if (!Call)
    return true;
  const FunctionProtoType *Proto = nullptr;
  if (const FunctionDecl *FD = Call->getDirectCallee())
    Proto = FD->getType()->getAs<FunctionProtoType>();
  else if (const auto *Ptr = Call->getCallee()->getType()->getAs<PointerType>())
    Proto = Ptr->getPointeeType()->getAs<FunctionProtoType>();
  if (!Proto)
    return true;
  for (QualType T : Proto->param_types()) {
    if (T->isDependentType())
      return true;
    if (T->isReferenceType() || !T->isRecordType() ||
        T.isTriviallyCopyableType(Ctx))
      continue;
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    bool NothrowMove = false;
    if (RD && RD->hasDefinition())
      for (const CXXConstructorDecl *Ctor : RD->ctors())
        if (Ctor->isMoveConstructor() && !Ctor->isDeleted())
          NothrowMove =
              isKnownNothrow(Ctor->getType()->castAs<FunctionProtoType>());
    if (!NothrowMove)
      return true;
  }
  return false;
}

} // namespace

CallFacts deferredCallFacts(const Expr *UserCall, ASTContext &Ctx,
                            const SystemCode &System) {
  CallFacts Facts;
  if (!UserCall || UserCall->isInstantiationDependent())
    return Facts;
  Walk Throws(Ctx, System, Walk::Throw), Recovers(Ctx, System, Walk::Recover);
  Facts.CanThrow =
      Throws.deferred(UserCall) || parameterMovesCanThrow(UserCall, Ctx);
  Facts.CanRecover = Recovers.deferred(UserCall);
  return Facts;
}

} // namespace cxxdefer
