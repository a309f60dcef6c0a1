//===- PlanCall.cpp - The shape of a deferred call ------------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The entry points of the call planner (PlanCall.h), and the first
/// question it answers: what kind of call the user deferred, and how its
/// callee and object are kept. Arguments are PlanArguments.cpp's.
///
/// The callee is not evaluated by C++ before the call in most shapes - a
/// named function, a member's name - so it is not kept at all: its text
/// moves into the lambda that makes the call at exit, where it names the
/// same function. Only a callee that is a value is kept, the way Go keeps
/// the function value: a pointer is copied, a callable object (a closure,
/// a functor) is bound like an object expression.
///
/// The object of a member call is what C++ binds to the implicit object
/// parameter: a glvalue by reference, a prvalue by value (its temporary
/// must outlive the defer statement). `p->f()` copies the pointer; through
/// a smart pointer, operator-> runs now, unless the smart pointer itself
/// is a temporary, which is kept by value since it owns the object. The
/// object of a call on implicit `this` is `this` itself, kept by the
/// printer, not an operand.
///
/// An overloaded operator is a call with its operands as arguments; a
/// postfix ++ or -- drops Sema's unwritten 0.
///
//===----------------------------------------------------------------------===//

#include "PlanCall.h"
#include "CallPlanner.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace cxxdefer {

/// The most operands a deferred call may keep (cxxdefer/call.h).
static constexpr unsigned MaxKeptOperands = 16;

/// Returns the parameter types of a callee expression's function type
/// (through pointers, references and member pointers); null if unknown.
static const FunctionProtoType *prototypeOf(QualType T) {
  if (T.isNull())
    return nullptr;
  if (const auto *Ptr = T->getAs<PointerType>())
    T = Ptr->getPointeeType();
  else if (const auto *Ref = T->getAs<ReferenceType>())
    T = Ref->getPointeeType();
  else if (const auto *MemPtr = T->getAs<MemberPointerType>())
    T = MemPtr->getPointeeType();
  return T->getAs<FunctionProtoType>();
}

CallPlanner::CallPlanner(const DeferFunction *F, ASTContext &Ctx,
                         CallPlan &Plan, std::vector<Finding> &Findings,
                         SourceLocation Where)
    : F(F), Ctx(Ctx), SM(Ctx.getSourceManager()), Plan(Plan),
      Findings(Findings), Where(Where) {}

bool CallPlanner::fail(DiagId Id, SourceLocation Loc,
                       std::vector<std::string> Args) {
  Findings.push_back({Id, Loc.isValid() ? Loc : Where, std::move(Args)});
  return false;
}

bool CallPlanner::addOperand(const Expr *E, Keep How, std::string Type) {
  if (How == Keep::Reference)
    warnIfDangling(E);
  OperandPlan Op;
  Op.Text = Span::of(E->getBeginLoc(), E->getEndLoc());
  Op.How = How;
  Op.Type = std::move(Type);
  Plan.Operands.push_back(std::move(Op));
  OperandExprs.push_back(E);
  return true;
}

void CallPlanner::setCallee(SourceRange R) {
  Plan.CalleeText = Span::of(R.getBegin(), R.getEnd());
}

/// The object of a member call is bound like the implicit object parameter:
/// a glvalue by reference, a prvalue (a temporary) by value.
Keep CallPlanner::objectBinding(const Expr *Object) const {
  // Calling a member on a prvalue materialises it first; that temporary is
  // what must outlive the defer statement.
  const Expr *E = Object->IgnoreImpCasts();
  if (E->isPRValue() || isa<MaterializeTemporaryExpr>(E) ||
      isa<CXXBindTemporaryExpr>(E))
    return Keep::Value;
  return Keep::Reference;
}

/// The callee of a call through a value: pointers are copied (Go copies the
/// function value); a callable object is bound like an object expression.
Keep CallPlanner::calleeBinding(const Expr *Callee) const {
  QualType T = Callee->getType();
  if (!T->isDependentType() &&
      (T->isPointerType() || T->isMemberPointerType() || T->isFunctionType()))
    return Keep::Value;
  return objectBinding(Callee);
}

bool CallPlanner::planOperatorCall(const CXXOperatorCallExpr *Call) {
  OverloadedOperatorKind Op = Call->getOperator();
  const FunctionDecl *Callee = Call->getDirectCallee();
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (Op == OO_Call) {
    // `functor(args)` and the immediately invoked `[&]{...}()`.
    Plan.Shape = CallShape::CalleeValue;
    const Expr *Object = Call->getArg(0);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Object->IgnoreImplicit()))
      warnIfClosureDangles(Lambda);
    return addOperand(Object, calleeBinding(Object)) &&
           addArguments(Call, 1, nullptr, Callee, nullptr);
  }
  if (Op == OO_Arrow || Op == OO_ArrowStar || Op == OO_Coawait)
    return fail(DiagId::OperatorNotDeferrable, Call->getBeginLoc(),
                {getOperatorSpelling(Op)});
  Plan.Shape = CallShape::Operator;
  Plan.Op = Op;
  unsigned Operands = Call->getNumArgs();
  if ((Op == OO_PlusPlus || Op == OO_MinusMinus) && Operands == 2) {
    Operands = 1; // postfix: the second argument is Sema's unwritten 0
    Plan.Postfix = true;
  }
  unsigned FirstParamArg = 0;
  if (Method && !Method->isStatic()) {
    if (!addOperand(Call->getArg(0), objectBinding(Call->getArg(0))))
      return false;
    FirstParamArg = 1;
  }
  for (unsigned I = FirstParamArg; I < Operands; ++I) {
    const Expr *Arg = Call->getArg(I);
    unsigned ParamIndex = I - FirstParamArg;
    if (Callee && ParamIndex < Callee->getNumParams() &&
        !Arg->isTypeDependent()) {
      if (!addArgument(Arg, Callee->getParamDecl(ParamIndex)->getType(),
                       Callee->getParamDecl(ParamIndex)))
        return false;
      continue;
    }
    if (!addOperand(Arg, Arg->isLValue() ? Keep::Reference : Keep::Value))
      return false;
  }
  return true;
}

/// `obj.f(a)`, `p->f(a)`, `sp->f(a)`, `f(a)` on implicit this, and their
/// dependent forms in templates.
bool CallPlanner::planMemberCall(const CallExpr *Call, const Expr *Callee) {
  const Expr *Base = nullptr;
  bool IsArrow = false, Implicit = false, HasTemplateArgs = false,
       HasTemplateKeyword = false;
  SourceLocation OperatorLoc, End = Callee->getEndLoc();
  if (const auto *ME = dyn_cast<MemberExpr>(Callee)) {
    Base = ME->getBase();
    IsArrow = ME->isArrow();
    Implicit = ME->isImplicitAccess();
    OperatorLoc = ME->getOperatorLoc();
    HasTemplateArgs = ME->hasExplicitTemplateArgs();
    HasTemplateKeyword = ME->hasTemplateKeyword();
  } else if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(Callee)) {
    Implicit = UME->isImplicitAccess();
    Base = Implicit ? nullptr : UME->getBase();
    IsArrow = UME->isArrow();
    OperatorLoc = UME->getOperatorLoc();
    HasTemplateArgs = UME->hasExplicitTemplateArgs();
    HasTemplateKeyword = UME->hasTemplateKeyword();
  } else {
    const auto *DME = cast<CXXDependentScopeMemberExpr>(Callee);
    Implicit = DME->isImplicitAccess();
    Base = Implicit ? nullptr : DME->getBase();
    IsArrow = DME->isArrow();
    OperatorLoc = DME->getOperatorLoc();
    HasTemplateArgs = DME->hasExplicitTemplateArgs();
    HasTemplateKeyword = DME->hasTemplateKeyword();
  }
  // At exit the object is a generic lambda's parameter, so explicit
  // template arguments need the `template` keyword to parse.
  bool NeedsTemplateKeyword = HasTemplateArgs && !HasTemplateKeyword;

  if (Implicit || (Base && isa<CXXThisExpr>(Base->IgnoreImplicit()) &&
                   cast<CXXThisExpr>(Base->IgnoreImplicit())->isImplicit())) {
    Plan.Shape = CallShape::ImplicitThisMember;
    setCallee(SourceRange(Callee->getBeginLoc(), End));
    if (NeedsTemplateKeyword)
      Plan.TemplateKeywordAt = 0;
  } else {
    Plan.Shape = CallShape::Member;
    Plan.Arrow = IsArrow;
    const Expr *Object = Base;
    Keep How = objectBinding(Base);
    if (IsArrow) {
      // `sp->f()`: Sema's base is the call of operator->; the object the
      // user wrote is its argument. A temporary smart pointer is kept by
      // value (it owns the object); otherwise operator-> runs now.
      const Expr *Stripped = Base->IgnoreImplicit();
      if (const auto *ArrowCall = dyn_cast<CXXOperatorCallExpr>(Stripped))
        if (ArrowCall->getOperator() == OO_Arrow)
          Object = ArrowCall->getArg(0);
      bool RawPointer = Object->getType()->isPointerType();
      How = RawPointer || objectBinding(Object) == Keep::Value ? Keep::Value
                                                               : Keep::Arrow;
    }
    if (!addOperand(Object, How))
      return false;
    setCallee(SourceRange(OperatorLoc, End));
    if (NeedsTemplateKeyword) {
      // After the `.` or `->` and before the member's name.
      bool Invalid = false;
      const char *Op =
          SM.getCharacterData(SM.getSpellingLoc(OperatorLoc), &Invalid);
      Plan.TemplateKeywordAt = !Invalid && Op[0] == '-' ? 2 : 1;
    }
  }
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
  return addArguments(Call, 0, nullptr, Method, Callee);
}

bool CallPlanner::planPlainCall(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee()->IgnoreImpCasts();
  const Expr *Name = Callee->IgnoreParens();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Name)) {
    if (isa<FunctionDecl>(Ref->getDecl())) {
      Plan.Shape = CallShape::NamedFunction;
      setCallee(Callee->getSourceRange());
      return addArguments(Call, 0, nullptr, Call->getDirectCallee(), Name);
    }
  }
  if (isa<UnresolvedLookupExpr>(Name) || isa<DependentScopeDeclRefExpr>(Name)) {
    Plan.Shape = CallShape::NamedFunction;
    setCallee(Callee->getSourceRange());
    return addArguments(Call, 0, nullptr, nullptr, Name);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(Name))
    if (isa<CXXMethodDecl>(ME->getMemberDecl()))
      return planMemberCall(Call, ME);
  if (isa<UnresolvedMemberExpr>(Name) || isa<CXXDependentScopeMemberExpr>(Name))
    return planMemberCall(Call, Name);
  if (const auto *PtrMem = dyn_cast<BinaryOperator>(Name)) {
    if (PtrMem->isPtrMemOp()) {
      Plan.Shape = CallShape::PointerToMember;
      Plan.Arrow = PtrMem->getOpcode() == BO_PtrMemI;
      const Expr *Object = PtrMem->getLHS();
      return addOperand(Object,
                        Plan.Arrow ? Keep::Value : objectBinding(Object)) &&
             addOperand(PtrMem->getRHS(), Keep::Value) &&
             addArguments(Call, 0, prototypeOf(PtrMem->getRHS()->getType()),
                          nullptr, nullptr);
    }
  }
  Plan.Shape = CallShape::CalleeValue;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Name))
    warnIfClosureDangles(Lambda);
  return addOperand(Callee, calleeBinding(Callee)) &&
         addArguments(Call, 0, prototypeOf(Callee->getType()), nullptr,
                      nullptr);
}

unsigned CallPlanner::keptCount() const {
  unsigned Count = Plan.Shape == CallShape::ImplicitThisMember ? 1 : 0;
  for (const OperandPlan &Op : Plan.Operands)
    Count += Op.How == Keep::InitializerList ? Op.Elements.size() : 1;
  return Count;
}

bool CallPlanner::run(const Expr *E) {
  const char *Name = "__defer";
  if (!E)
    return fail(DiagId::DeferNotCall, Where, {Name});
  bool Ok = false;
  if (isa<UserDefinedLiteral>(E) || isa<CUDAKernelCallExpr>(E))
    Ok = fail(DiagId::DeferNotCall, E->getBeginLoc(), {Name});
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    Ok = planOperatorCall(Op);
  else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const Expr *Callee = Member->getCallee()->IgnoreParens();
    Ok = isa<MemberExpr>(Callee) ? planMemberCall(Member, Callee)
                                 : planPlainCall(Member); // (o.*pm)(args)
  } else if (const auto *Call = dyn_cast<CallExpr>(E))
    Ok = planPlainCall(Call);
  else
    Ok = fail(DiagId::DeferNotCall, E->getBeginLoc(), {Name});
  if (!Ok)
    return false;
  if (keptCount() > MaxKeptOperands)
    return fail(DiagId::TooManyOperands, E->getBeginLoc(),
                {std::to_string(keptCount()), std::to_string(MaxKeptOperands)});
  return true;
}

bool planCall(const DeferSite &Site, const DeferFunction &F, ASTContext &Ctx,
              CallPlan &Plan, std::vector<Finding> &Findings,
              std::vector<const Expr *> *OperandExprs) {
  SourceLocation Where =
      Ctx.getSourceManager().getFileLoc(Site.Marker->getBeginLoc());
  CallPlanner P(&F, Ctx, Plan, Findings, Where);
  if (!P.run(Site.Call))
    return false;
  assert(P.OperandExprs.size() == Plan.Operands.size() &&
         "one expression per operand");
  if (OperandExprs)
    *OperandExprs = P.OperandExprs;
  if (!F.Function->isTemplated() || !isDependentCall(Site.Call))
    return true;
  markPerInstantiation(Plan, P.OperandExprs);
  return true;
}

} // namespace cxxdefer
