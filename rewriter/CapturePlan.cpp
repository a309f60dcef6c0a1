//===- CapturePlan.cpp - What a defer statement evaluates now -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "CapturePlan.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Lex/Lexer.h"
#include <optional>

using namespace clang;

namespace cxxdefer {

namespace {

/// Builds one CapturePlan; the state is only what the helpers share.
class Planner {
public:
  Planner(DeferSite &Site, const DeferFunction &F, ASTContext &Ctx,
          std::vector<Finding> &Findings)
      : Site(Site), F(F), Ctx(Ctx), SM(Ctx.getSourceManager()),
        Findings(Findings), Plan(Site.Plan) {}

  bool run();

private:
  DeferSite &Site;
  const DeferFunction &F;
  ASTContext &Ctx;
  SourceManager &SM;
  std::vector<Finding> &Findings;
  CapturePlan &Plan;

  bool fail(SourceLocation Loc, const std::string &Message) {
    Findings.push_back({FindingLevel::Error, Loc, Message});
    return false;
  }
  void warn(SourceLocation Loc, const std::string &Message,
            FindingLevel Level = FindingLevel::Warning) {
    Findings.push_back({Level, Loc, Message});
    // Every warning made here is about a dangling reference.
    if (Level == FindingLevel::Warning)
      Findings.back().Flag = "cxxdefer-dangling";
  }

  /// The file range of \p R, or an invalid range when any end of it comes
  /// from a macro expansion.
  CharSourceRange fileRange(SourceRange R) const {
    return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(R), SM,
                                    Ctx.getLangOpts());
  }

  bool addOperand(const Expr *E, Binding How, std::string ConvertTo = "");
  bool addArguments(const CallExpr *Call, unsigned FirstArg,
                    const FunctionProtoType *Proto,
                    const FunctionDecl *Callee, const Expr *CalleeName);
  bool setCalleeText(SourceRange R);
  Binding objectBinding(const Expr *Object) const;
  Binding calleeBinding(const Expr *Callee) const;
  Binding argumentBinding(const Expr *Arg, QualType Param,
                          std::string &ConvertTo) const;
  std::optional<bool> candidatesTakeReference(const Expr *CalleeName,
                                              unsigned Index) const;

  bool planOperatorCall(const CXXOperatorCallExpr *Call);
  bool planMemberCall(const CallExpr *Call, const Expr *Callee);
  bool planPlainCall(const CallExpr *Call);
  void warnIfDangling(const Expr *Kept);
  void warnIfClosureDangles(const LambdaExpr *Lambda);
  bool isNestedLocal(const VarDecl *Var) const;
};

} // namespace

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

bool Planner::addOperand(const Expr *E, Binding How, std::string ConvertTo) {
  CharSourceRange Range = fileRange(E->getSourceRange());
  if (Range.isInvalid())
    return fail(E->getBeginLoc(),
                "cannot defer this call: its operands come from a macro "
                "expansion; write them out in the defer statement");
  if (How == Binding::Reference)
    warnIfDangling(E);
  Plan.Operands.push_back({E, Range, How, std::move(ConvertTo)});
  return true;
}

bool Planner::setCalleeText(SourceRange R) {
  Plan.CalleeText = fileRange(R);
  if (Plan.CalleeText.isInvalid())
    return fail(R.getBegin(), "cannot defer this call: its callee comes from "
                              "a macro expansion; write it out in the defer "
                              "statement");
  return true;
}

std::string spellType(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressScope = false;
  Policy.FullyQualifiedName = true;
  return TypeName::getFullyQualifiedName(T.getUnqualifiedType(), Ctx, Policy,
                                         /*WithGlobalNsPrefix=*/true);
}


/// The object of a member call is bound like the implicit object parameter:
/// a glvalue by reference, a prvalue (a temporary) by value.
Binding Planner::objectBinding(const Expr *Object) const {
  // Calling a member on a prvalue materialises it first; that temporary is
  // what must outlive the defer statement.
  const Expr *E = Object->IgnoreImpCasts();
  if (E->isPRValue() || isa<MaterializeTemporaryExpr>(E) ||
      isa<CXXBindTemporaryExpr>(E))
    return Binding::Value;
  return Binding::Reference;
}

/// The callee of a call through a value: pointers are copied (Go copies the
/// function value); a callable object is bound like an object expression.
Binding Planner::calleeBinding(const Expr *Callee) const {
  QualType T = Callee->getType();
  if (!T->isDependentType() &&
      (T->isPointerType() || T->isMemberPointerType() || T->isFunctionType()))
    return Binding::Value;
  return objectBinding(Callee);
}

/// For a call that Sema could not resolve (a dependent call in a template):
/// asks every candidate found by name lookup whether parameter \p Index is
/// a reference. \returns the answer if they all agree.
std::optional<bool>
Planner::candidatesTakeReference(const Expr *CalleeName,
                                 unsigned Index) const {
  const auto *Overloads =
      dyn_cast_or_null<OverloadExpr>(CalleeName ? CalleeName->IgnoreParens()
                                                : nullptr);
  if (!Overloads)
    return std::nullopt;
  std::optional<bool> Answer;
  for (const NamedDecl *D : Overloads->decls()) {
    D = D->getUnderlyingDecl();
    const FunctionDecl *FD = D->getAsFunction();
    if (!FD || Index >= FD->getNumParams())
      continue;
    bool IsRef = FD->getParamDecl(Index)->getType()->isReferenceType();
    if (Answer && *Answer != IsRef)
      return std::nullopt;
    Answer = IsRef;
  }
  return Answer;
}

/// How argument \p Arg is kept so that it initialises a parameter of type
/// \p Param at exit exactly as it would have at the defer statement.
Binding Planner::argumentBinding(const Expr *Arg, QualType Param,
                                 std::string &ConvertTo) const {
  const Expr *Written = Arg->IgnoreUnlessSpelledInSource();
  if (Written->refersToBitField() && !Written->isTypeDependent()) {
    ConvertTo = spellType(Written->getType(), Ctx);
    return Binding::BitField;
  }
  if (Param->isReferenceType()) {
    // A temporary materialised for the parameter must live until the call:
    // keep it by value (converted now if making it ran a conversion).
    const Expr *Init = Arg->IgnoreParens();
    while (true) {
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Init)) {
        Init = Cast->getSubExpr()->IgnoreParens();
        continue;
      }
      if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Init)) {
        Init = Cleanups->getSubExpr()->IgnoreParens();
        continue;
      }
      break;
    }
    const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Init);
    if (!Temp)
      return Binding::Reference;
    QualType Made = Temp->getType().getUnqualifiedType().getCanonicalType();
    if (Made == Written->getType().getUnqualifiedType().getCanonicalType() ||
        (Made->isScalarType() && Written->getType()->isScalarType()))
      return Binding::Value;
    ConvertTo = spellType(Param.getNonReferenceType(), Ctx);
    return Binding::ValueConverted;
  }
  if (isa<InitListExpr>(Written) || Written->getType().isNull()) {
    ConvertTo = spellType(Param, Ctx);
    return Binding::ValueConverted;
  }
  QualType From = Written->getType().getUnqualifiedType().getCanonicalType();
  QualType To = Param.getUnqualifiedType().getCanonicalType();
  bool Trivial = From == To || (To->isScalarType() &&
                                (From->isScalarType() || From->isArrayType() ||
                                 From->isFunctionType()));
  if (Trivial)
    return Binding::Value;
  ConvertTo = spellType(Param, Ctx);
  return Binding::ValueConverted;
}

/// Adds the call's arguments from \p FirstArg on. \p Proto (or \p Callee)
/// gives the parameter types when Sema resolved the call; otherwise
/// \p CalleeName's lookup candidates are asked.
bool Planner::addArguments(const CallExpr *Call, unsigned FirstArg,
                           const FunctionProtoType *Proto,
                           const FunctionDecl *Callee,
                           const Expr *CalleeName) {
  for (unsigned I = FirstArg, E = Call->getNumArgs(); I < E; ++I) {
    const Expr *Arg = Call->getArg(I);
    unsigned ParamIndex = I - FirstArg;
    // Default arguments are not written: the call at exit evaluates them.
    if (isa<CXXDefaultArgExpr>(Arg))
      break;
    QualType Param;
    if (Callee && ParamIndex < Callee->getNumParams())
      Param = Callee->getParamDecl(ParamIndex)->getType();
    else if (Proto && ParamIndex < Proto->getNumParams())
      Param = Proto->getParamType(ParamIndex);
    Binding How = Binding::Value;
    std::string ConvertTo;
    if (!Param.isNull() && !Param->isDependentType() &&
        !Arg->isTypeDependent()) {
      How = argumentBinding(Arg, Param, ConvertTo);
    } else if (!Param.isNull() && Param->isReferenceType()) {
      How = Arg->isLValue() ? Binding::Reference : Binding::Value;
    } else if (!Param.isNull() || (Proto && Proto->isVariadic())) {
      How = Binding::Value;
    } else {
      std::optional<bool> TakesRef = candidatesTakeReference(CalleeName,
                                                             ParamIndex);
      bool Ref = TakesRef ? *TakesRef : true;
      How = Ref && Arg->isLValue() ? Binding::Reference : Binding::Value;
    }
    if (!addOperand(Arg, How, std::move(ConvertTo)))
      return false;
  }
  return true;
}

bool Planner::planOperatorCall(const CXXOperatorCallExpr *Call) {
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
    return fail(Call->getBeginLoc(), "cannot defer a call of 'operator" +
                                         std::string(getOperatorSpelling(Op)) +
                                         "'");
  Plan.Shape = CallShape::Operator;
  Plan.Op = Op;
  unsigned Operands = Call->getNumArgs();
  if ((Op == OO_PlusPlus || Op == OO_MinusMinus) && Operands == 2)
    Operands = 1; // postfix: the second argument is Sema's unwritten 0
  unsigned FirstParamArg = 0;
  if (Method && !Method->isStatic()) {
    if (!addOperand(Call->getArg(0), objectBinding(Call->getArg(0))))
      return false;
    FirstParamArg = 1;
  }
  for (unsigned I = FirstParamArg; I < Operands; ++I) {
    const Expr *Arg = Call->getArg(I);
    unsigned ParamIndex = I - FirstParamArg;
    std::string ConvertTo;
    Binding How = Arg->isLValue() ? Binding::Reference : Binding::Value;
    if (Callee && ParamIndex < Callee->getNumParams() &&
        !Arg->isTypeDependent())
      How = argumentBinding(Arg, Callee->getParamDecl(ParamIndex)->getType(),
                            ConvertTo);
    if (!addOperand(Arg, How, std::move(ConvertTo)))
      return false;
  }
  return true;
}

/// `obj.f(a)`, `p->f(a)`, `sp->f(a)`, `f(a)` on implicit this, and their
/// dependent forms in templates.
bool Planner::planMemberCall(const CallExpr *Call, const Expr *Callee) {
  const Expr *Base = nullptr;
  bool IsArrow = false, Implicit = false, HasTemplateArgs = false,
       HasTemplateKeyword = false;
  SourceLocation OperatorLoc, MemberLoc, End = Callee->getEndLoc();
  if (const auto *ME = dyn_cast<MemberExpr>(Callee)) {
    Base = ME->getBase();
    IsArrow = ME->isArrow();
    Implicit = ME->isImplicitAccess();
    OperatorLoc = ME->getOperatorLoc();
    MemberLoc = ME->getMemberLoc();
    HasTemplateArgs = ME->hasExplicitTemplateArgs();
    HasTemplateKeyword = ME->hasTemplateKeyword();
  } else if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(Callee)) {
    Implicit = UME->isImplicitAccess();
    Base = Implicit ? nullptr : UME->getBase();
    IsArrow = UME->isArrow();
    OperatorLoc = UME->getOperatorLoc();
    MemberLoc = UME->getMemberLoc();
    HasTemplateArgs = UME->hasExplicitTemplateArgs();
    HasTemplateKeyword = UME->hasTemplateKeyword();
  } else {
    const auto *DME = cast<CXXDependentScopeMemberExpr>(Callee);
    Implicit = DME->isImplicitAccess();
    Base = Implicit ? nullptr : DME->getBase();
    IsArrow = DME->isArrow();
    OperatorLoc = DME->getOperatorLoc();
    MemberLoc = DME->getMemberLoc();
    HasTemplateArgs = DME->hasExplicitTemplateArgs();
    HasTemplateKeyword = DME->hasTemplateKeyword();
  }
  // At exit the object is a generic lambda's parameter, so explicit
  // template arguments need the `template` keyword to parse.
  if (HasTemplateArgs && !HasTemplateKeyword)
    Plan.TemplateKeywordAt = SM.getFileLoc(MemberLoc); // a macro argument

  if (Implicit || (Base && isa<CXXThisExpr>(Base->IgnoreImplicit()) &&
                   cast<CXXThisExpr>(Base->IgnoreImplicit())->isImplicit())) {
    Plan.Shape = CallShape::ImplicitThisMember;
    if (!setCalleeText(SourceRange(Callee->getBeginLoc(), End)))
      return false;
  } else {
    Plan.Shape = CallShape::Member;
    Plan.Arrow = IsArrow;
    const Expr *Object = Base;
    Binding How = objectBinding(Base);
    if (IsArrow) {
      // `sp->f()`: Sema's base is the call of operator->; the object the
      // user wrote is its argument. A temporary smart pointer is kept by
      // value (it owns the object); otherwise operator-> runs now.
      const Expr *Stripped = Base->IgnoreImplicit();
      if (const auto *ArrowCall = dyn_cast<CXXOperatorCallExpr>(Stripped))
        if (ArrowCall->getOperator() == OO_Arrow)
          Object = ArrowCall->getArg(0);
      bool RawPointer = Object->getType()->isPointerType();
      How = RawPointer || objectBinding(Object) == Binding::Value
                ? Binding::Value
                : Binding::Arrow;
    }
    if (!addOperand(Object, How) ||
        !setCalleeText(SourceRange(OperatorLoc, End)))
      return false;
  }
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
  return addArguments(Call, 0, nullptr, Method, Callee);
}

bool Planner::planPlainCall(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee()->IgnoreImpCasts();
  const Expr *Name = Callee->IgnoreParens();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Name)) {
    if (isa<FunctionDecl>(Ref->getDecl())) {
      Plan.Shape = CallShape::NamedFunction;
      return setCalleeText(Callee->getSourceRange()) &&
             addArguments(Call, 0, nullptr, Call->getDirectCallee(), Name);
    }
  }
  if (isa<UnresolvedLookupExpr>(Name) ||
      isa<DependentScopeDeclRefExpr>(Name)) {
    Plan.Shape = CallShape::NamedFunction;
    return setCalleeText(Callee->getSourceRange()) &&
           addArguments(Call, 0, nullptr, nullptr, Name);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(Name))
    if (isa<CXXMethodDecl>(ME->getMemberDecl()))
      return planMemberCall(Call, ME);
  if (isa<UnresolvedMemberExpr>(Name) ||
      isa<CXXDependentScopeMemberExpr>(Name))
    return planMemberCall(Call, Name);
  if (const auto *PtrMem = dyn_cast<BinaryOperator>(Name)) {
    if (PtrMem->isPtrMemOp()) {
      Plan.Shape = CallShape::PointerToMember;
      Plan.Arrow = PtrMem->getOpcode() == BO_PtrMemI;
      const Expr *Object = PtrMem->getLHS();
      return addOperand(Object, Plan.Arrow ? Binding::Value
                                           : objectBinding(Object)) &&
             addOperand(PtrMem->getRHS(), Binding::Value) &&
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

bool Planner::run() {
  const Expr *E = Site.Call;
  SourceLocation Loc = Site.Statement.getBegin();
  if (!E)
    return fail(Loc, "'__defer' needs a call expression");
  if (isa<UserDefinedLiteral>(E) || isa<CUDAKernelCallExpr>(E))
    return fail(E->getBeginLoc(), "'__defer' needs a call expression");
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return planOperatorCall(Op);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const Expr *Callee = Member->getCallee()->IgnoreParens();
    if (isa<MemberExpr>(Callee))
      return planMemberCall(Member, Callee);
    return planPlainCall(Member); // (o.*pm)(args)
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return planPlainCall(Call);
  return fail(E->getBeginLoc(),
              "'__defer' needs a call expression; to defer a statement, "
              "defer a lambda: '__defer([&] { ... }())'");
}

/// True if \p Var is a local of \p F's body that lives in a nested block
/// (so it is destroyed before the function returns).
bool Planner::isNestedLocal(const VarDecl *Var) const {
  if (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
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

/// Warns when \p Kept, an operand kept by reference, designates (a part
/// of) a local that is destroyed before the deferred call runs.
void Planner::warnIfDangling(const Expr *Kept) {
  const Expr *E = Kept->IgnoreParenImpCasts();
  while (true) {
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        return;
      E = Member->getBase()->IgnoreParenImpCasts();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return;
      E = Subscript->getBase()->IgnoreParenImpCasts();
    } else {
      break;
    }
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !isNestedLocal(Var))
    return;
  warn(Kept->getBeginLoc(),
       "the deferred call keeps a reference to '" + Var->getNameAsString() +
           "', which is destroyed before the function returns");
  warn(Var->getLocation(), "'" + Var->getNameAsString() + "' declared here",
       FindingLevel::Note);
}

/// Same as warnIfDangling for the by-reference captures of a deferred
/// closure.
void Planner::warnIfClosureDangles(const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var || !isNestedLocal(Var))
      continue;
    SourceLocation Loc = Capture.isImplicit() ? Lambda->getBeginLoc()
                                              : Capture.getLocation();
    warn(Loc, "the deferred closure captures '" + Var->getNameAsString() +
                  "' by reference, but it is destroyed before the function "
                  "returns");
    warn(Var->getLocation(), "'" + Var->getNameAsString() + "' declared here",
         FindingLevel::Note);
  }
}

bool planCaptures(DeferSite &Site, const DeferFunction &F, ASTContext &Ctx,
                  std::vector<Finding> &Findings) {
  return Planner(Site, F, Ctx, Findings).run();
}

} // namespace cxxdefer
