//===- PlanCall.cpp - What a defer statement evaluates now ----------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "PlanCall.h"
#include "DefaultArgument.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace cxxdefer {

/// The most operands a deferred call may keep (cxxdefer/call.h).
static constexpr unsigned MaxKeptOperands = 16;

std::string spellType(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressScope = false;
  Policy.FullyQualifiedName = true;
  return TypeName::getFullyQualifiedName(T.getUnqualifiedType(), Ctx, Policy,
                                         /*WithGlobalNsPrefix=*/true);
}

/// \p T with its qualifiers, for the key of an instantiation.
static std::string spellExactType(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressScope = false;
  Policy.FullyQualifiedName = true;
  return TypeName::getFullyQualifiedName(T, Ctx, Policy,
                                         /*WithGlobalNsPrefix=*/true);
}

bool isSpellable(llvm::StringRef Spelled) {
  return !Spelled.contains("(lambda") && !Spelled.contains("(anonymous") &&
         !Spelled.contains("(unnamed");
}

/// Whether a value of type \p T can be moved (or copied) into a parameter.
static bool isMovable(QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return true;
  if (RD->needsImplicitMoveConstructor() &&
      !RD->defaultedMoveConstructorIsDeleted())
    return true;
  if (RD->needsImplicitCopyConstructor() &&
      !RD->defaultedCopyConstructorIsDeleted())
    return true;
  for (const CXXConstructorDecl *Ctor : RD->ctors())
    if (Ctor->isCopyOrMoveConstructor() && !Ctor->isDeleted())
      return true;
  return false;
}

/// If \p T is std::initializer_list<E>, returns E.
static QualType initializerListElement(QualType T) {
  T = T.getNonReferenceType().getUnqualifiedType();
  const auto *Spec = T->getAs<TemplateSpecializationType>();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  const auto *CTSD = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!CTSD || !CTSD->getIdentifier() ||
      CTSD->getName() != "initializer_list" || !CTSD->isInStdNamespace())
    return QualType();
  (void)Spec;
  return CTSD->getTemplateArgs()[0].getAsType();
}

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

bool isDependentCall(const Expr *E) {
  if (E->isTypeDependent() || E->isValueDependent())
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (Call->getCallee()->isTypeDependent())
      return true;
    return llvm::any_of(Call->arguments(), [](const Expr *Arg) {
      return Arg->isTypeDependent() || Arg->isValueDependent();
    });
  }
  return false;
}

namespace {

/// Builds one CallPlan; the state is only what the helpers share.
class Planner {
public:
  /// \p F is null when planning an instantiation (no spans, no warnings).
  Planner(const DeferFunction *F, ASTContext &Ctx, CallPlan &Plan,
          std::vector<Finding> &Findings, SourceLocation Where)
      : F(F), Ctx(Ctx), SM(Ctx.getSourceManager()), Plan(Plan),
        Findings(Findings), Where(Where) {}

  bool run(const Expr *E);

  /// The expressions behind Plan.Operands, in order (for instantiations).
  std::vector<const Expr *> OperandExprs;

private:
  const DeferFunction *F;
  ASTContext &Ctx;
  SourceManager &SM;
  CallPlan &Plan;
  std::vector<Finding> &Findings;
  SourceLocation Where;

  bool fail(DiagId Id, SourceLocation Loc, std::vector<std::string> Args = {}) {
    Findings.push_back({Id, Loc.isValid() ? Loc : Where, std::move(Args)});
    return false;
  }

  bool addOperand(const Expr *E, Keep How, std::string Type = "");
  bool addArgument(const Expr *Arg, QualType Param, const ParmVarDecl *Parm);
  bool addArguments(const CallExpr *Call, unsigned FirstArg,
                    const FunctionProtoType *Proto, const FunctionDecl *Callee,
                    const Expr *CalleeName);
  bool addDefaultArguments(const CallExpr *Call, unsigned FirstArg,
                           const FunctionDecl *Callee);
  bool setCallee(SourceRange R);
  Keep objectBinding(const Expr *Object) const;
  Keep calleeBinding(const Expr *Callee) const;
  Keep argumentBinding(const Expr *Arg, QualType Param,
                       std::string &Type) const;
  std::optional<bool> candidatesTakeReference(const Expr *CalleeName,
                                              unsigned Index) const;

  bool planOperatorCall(const CXXOperatorCallExpr *Call);
  bool planMemberCall(const CallExpr *Call, const Expr *Callee);
  bool planPlainCall(const CallExpr *Call);
  void warnIfDangling(const Expr *Kept);
  void warnIfClosureDangles(const LambdaExpr *Lambda);
  bool isNestedLocal(const VarDecl *Var) const {
    return F && cxxdefer::isNestedLocal(Var, *F, SM);
  }
  unsigned keptCount() const;
};

} // namespace

bool Planner::addOperand(const Expr *E, Keep How, std::string Type) {
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

bool Planner::setCallee(SourceRange R) {
  Plan.CalleeText = Span::of(R.getBegin(), R.getEnd());
  return true;
}

/// The object of a member call is bound like the implicit object parameter:
/// a glvalue by reference, a prvalue (a temporary) by value.
Keep Planner::objectBinding(const Expr *Object) const {
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
Keep Planner::calleeBinding(const Expr *Callee) const {
  QualType T = Callee->getType();
  if (!T->isDependentType() &&
      (T->isPointerType() || T->isMemberPointerType() || T->isFunctionType()))
    return Keep::Value;
  return objectBinding(Callee);
}

/// For a call that Sema could not resolve (the pattern of a dependent
/// call): asks every candidate found by name lookup whether parameter
/// \p Index is a reference. \returns the answer if they all agree.
std::optional<bool> Planner::candidatesTakeReference(const Expr *CalleeName,
                                                     unsigned Index) const {
  const auto *Overloads = dyn_cast_or_null<OverloadExpr>(
      CalleeName ? CalleeName->IgnoreParens() : nullptr);
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

/// Strips what Sema wraps around an argument that initialises a parameter.
static const Expr *initializerOf(const Expr *Arg) {
  const Expr *E = Arg->IgnoreParens();
  while (true) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
      E = Cast->getSubExpr()->IgnoreParens();
    else if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr()->IgnoreParens();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr()->IgnoreParens();
    else
      return E;
  }
}

/// Whether \p Arg is a string literal that initialises by-value parameter
/// \p Param, decaying to a pointer, so that it can as well at exit
/// (Keep::Spelled; Analyze.cpp keeps it bound when its text spans lines).
static bool isMovableLiteral(const Expr *Arg, QualType Param) {
  return isa<StringLiteral>(Arg->IgnoreParenImpCasts()) &&
         Param->isPointerType();
}

/// Whether \p Arg is a braced list written as the argument itself
/// (`f({a, 2})`), not a functional cast `T{a, 2}`.
static bool isBracedArgument(const Expr *Arg) {
  const Expr *E = initializerOf(Arg);
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    E = initializerOf(Temp->getSubExpr());
  if (isa<InitListExpr>(E) || isa<CXXStdInitializerListExpr>(E))
    return true;
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  return Construct && !isa<CXXTemporaryObjectExpr>(Construct) &&
         Construct->isListInitialization();
}

/// How argument \p Arg is kept so that it initialises a parameter of type
/// \p Param at exit exactly as it would have at the defer statement.
Keep Planner::argumentBinding(const Expr *Arg, QualType Param,
                              std::string &Type) const {
  const Expr *Written = Arg->IgnoreUnlessSpelledInSource();
  if (Written->refersToBitField() && !Written->isTypeDependent()) {
    Type = spellType(Written->getType(), Ctx);
    return Keep::BitField;
  }
  if (Param->isReferenceType()) {
    // A temporary materialised for the parameter must live until the call:
    // keep it by value (converted now if making it ran a conversion).
    const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(initializerOf(Arg));
    if (!Temp)
      return Keep::Reference;
    QualType Made = Temp->getType().getUnqualifiedType().getCanonicalType();
    if (Made == Written->getType().getUnqualifiedType().getCanonicalType() ||
        (Made->isScalarType() && Written->getType()->isScalarType()))
      return Keep::Value;
    Type = spellType(Param.getNonReferenceType(), Ctx);
    return Keep::Conversion;
  }
  QualType From = Written->getType().getUnqualifiedType().getCanonicalType();
  QualType To = Param.getUnqualifiedType().getCanonicalType();
  bool Trivial =
      From == To ||
      (To->isScalarType() &&
       (From->isScalarType() || From->isArrayType() || From->isFunctionType()));
  if (Trivial)
    return Keep::Value;
  Type = spellType(Param, Ctx);
  return Keep::Conversion;
}

/// Adds one written argument that initialises \p Param.
bool Planner::addArgument(const Expr *Arg, QualType Param,
                          const ParmVarDecl *Parm) {
  if (isMovableLiteral(Arg, Param))
    return addOperand(Arg, Keep::Spelled);
  if (!isBracedArgument(Arg)) {
    std::string Type;
    Keep How = argumentBinding(Arg, Param, Type);
    if (How == Keep::Conversion && !Param->isReferenceType() &&
        !isMovable(Param))
      return fail(DiagId::NotMovableByValue, Arg->getBeginLoc(),
                  {Parm ? Parm->getNameAsString() : "", spellType(Param, Ctx)});
    QualType Kept = How == Keep::Conversion
                        ? Param.getNonReferenceType()
                        : Arg->IgnoreUnlessSpelledInSource()->getType();
    if ((How == Keep::Conversion || How == Keep::Value) &&
        !Kept->isDependentType() && !isMovable(Kept)) {
      // Only a prvalue can initialise it, in place (C++17).
      if (!Ctx.getLangOpts().CPlusPlus17)
        return fail(DiagId::InPlaceNeedsCxx17, Arg->getBeginLoc(),
                    {spellType(Kept, Ctx)});
      Plan.BuildInPlace = true;
      return addOperand(Arg, Keep::InPlace, spellType(Kept, Ctx));
    }
    return addOperand(Arg, How, std::move(Type));
  }
  // A braced list.
  QualType Target = Param.getNonReferenceType().getUnqualifiedType();
  if (QualType Element = initializerListElement(Target); !Element.isNull()) {
    const Expr *E = initializerOf(Arg);
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = initializerOf(Temp->getSubExpr());
    const InitListExpr *List = nullptr;
    if (const auto *StdList = dyn_cast<CXXStdInitializerListExpr>(E))
      List = dyn_cast<InitListExpr>(
          initializerOf(StdList->getSubExpr())->IgnoreImplicit());
    if (!List)
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
        if (Construct->getNumArgs() == 1)
          if (const auto *StdList = dyn_cast<CXXStdInitializerListExpr>(
                  initializerOf(Construct->getArg(0))))
            List = dyn_cast<InitListExpr>(
                initializerOf(StdList->getSubExpr())->IgnoreImplicit());
    if (List && List->getSyntacticForm())
      List = List->getSyntacticForm();
    if (!List)
      return fail(DiagId::InternalError, Arg->getBeginLoc(),
                  {"an initializer list without its elements"});
    OperandPlan Op;
    Op.Text = Span::of(Arg->getBeginLoc(), Arg->getEndLoc());
    Op.How = Keep::InitializerList;
    Op.Type = spellType(Element, Ctx);
    for (const Expr *Init : List->inits()) {
      OperandPlan Elem;
      Elem.Text = Span::of(Init->getBeginLoc(), Init->getEndLoc());
      Elem.How = Keep::InPlace;
      Elem.Type = Op.Type;
      Op.Elements.push_back(std::move(Elem));
    }
    if (!isMovable(Element)) {
      if (!Ctx.getLangOpts().CPlusPlus17)
        return fail(DiagId::InPlaceNeedsCxx17, Arg->getBeginLoc(), {Op.Type});
      Plan.BuildInPlace = true;
    }
    Plan.Operands.push_back(std::move(Op));
    OperandExprs.push_back(Arg);
    return true;
  }
  if (!Param->isReferenceType() && !isMovable(Target))
    return fail(DiagId::NotMovableByValue, Arg->getBeginLoc(),
                {Parm ? Parm->getNameAsString() : "", spellType(Target, Ctx)});
  if (!isMovable(Target)) {
    if (!Ctx.getLangOpts().CPlusPlus17)
      return fail(DiagId::InPlaceNeedsCxx17, Arg->getBeginLoc(),
                  {spellType(Target, Ctx)});
    Plan.BuildInPlace = true;
  }
  return addOperand(Arg, Keep::InPlace, spellType(Target, Ctx));
}

/// Adds the default arguments the call does not write, from the first
/// one that must be evaluated at the defer statement on... up to the last
/// such one: those after it keep their defaults at exit.
bool Planner::addDefaultArguments(const CallExpr *Call, unsigned FirstArg,
                                  const FunctionDecl *Callee) {
  unsigned NumArgs = Call->getNumArgs();
  unsigned FirstDefault = NumArgs;
  for (unsigned I = FirstArg; I < NumArgs; ++I)
    if (isa<CXXDefaultArgExpr>(Call->getArg(I))) {
      FirstDefault = I;
      break;
    }
  unsigned LastEarly = FirstDefault;
  for (unsigned I = FirstDefault; I < NumArgs; ++I)
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Call->getArg(I)))
      if (mustEvaluateEarly(Default->getExpr(), Ctx))
        LastEarly = I + 1;
  for (unsigned I = FirstDefault; I < LastEarly; ++I) {
    const auto *Default = cast<CXXDefaultArgExpr>(Call->getArg(I));
    const ParmVarDecl *Parm = Default->getParam();
    std::string WhyNot;
    std::optional<std::string> Spelled =
        spellDefaultArgument(Default->getExpr(), Ctx, WhyNot);
    if (!Spelled)
      return fail(DiagId::DefaultArgumentNotSpellable, Call->getBeginLoc(),
                  {Parm->getNameAsString(), WhyNot});
    std::string Type;
    Keep How = argumentBinding(Default->getExpr(), Parm->getType(), Type);
    if (How == Keep::Reference) {
      // A reference parameter bound to what a default argument names
      // (a global): keep the reference.
    } else if (How == Keep::BitField) {
      How = Keep::Value;
    }
    if (!isMovable(Parm->getType().getNonReferenceType()))
      return fail(DiagId::NotMovableByValue, Call->getBeginLoc(),
                  {Parm->getNameAsString(),
                   spellType(Parm->getType().getNonReferenceType(), Ctx)});
    OperandPlan Op;
    Op.How = How;
    Op.Type = std::move(Type);
    Op.DefaultArgument = std::move(*Spelled);
    Plan.Operands.push_back(std::move(Op));
    OperandExprs.push_back(Default->getExpr());
  }
  (void)Callee;
  return true;
}

/// Adds the call's arguments from \p FirstArg on. \p Proto (or \p Callee)
/// gives the parameter types when Sema resolved the call; otherwise
/// \p CalleeName's lookup candidates are asked (a dependent call's
/// pattern: its real bindings come from its instantiations).
bool Planner::addArguments(const CallExpr *Call, unsigned FirstArg,
                           const FunctionProtoType *Proto,
                           const FunctionDecl *Callee, const Expr *CalleeName) {
  for (unsigned I = FirstArg, E = Call->getNumArgs(); I < E; ++I) {
    const Expr *Arg = Call->getArg(I);
    unsigned ParamIndex = I - FirstArg;
    if (isa<CXXDefaultArgExpr>(Arg))
      return addDefaultArguments(Call, FirstArg, Callee);
    QualType Param;
    const ParmVarDecl *Parm = nullptr;
    if (Callee && ParamIndex < Callee->getNumParams()) {
      Parm = Callee->getParamDecl(ParamIndex);
      Param = Parm->getType();
    } else if (Proto && ParamIndex < Proto->getNumParams()) {
      Param = Proto->getParamType(ParamIndex);
    }
    if (!Param.isNull() && !Param->isDependentType() &&
        !Arg->isTypeDependent()) {
      if (!addArgument(Arg, Param, Parm))
        return false;
      continue;
    }
    // The pattern of a dependent call: a placeholder binding, replaced by
    // each instantiation's (Instantiations.cpp).
    Keep How = Keep::Value;
    if (!Param.isNull() && Param->isReferenceType())
      How = Arg->isLValue() ? Keep::Reference : Keep::Value;
    else if (Param.isNull() && !(Proto && Proto->isVariadic())) {
      std::optional<bool> TakesRef =
          candidatesTakeReference(CalleeName, ParamIndex);
      How = (!TakesRef || *TakesRef) && Arg->isLValue() ? Keep::Reference
                                                        : Keep::Value;
    }
    if (isBracedArgument(Arg) || isa<InitListExpr>(Arg))
      return fail(DiagId::DependentBracedArgument, Arg->getBeginLoc());
    OperandPlan Op;
    Op.Text = Span::of(Arg->getBeginLoc(), Arg->getEndLoc());
    Op.How = How;
    Plan.Operands.push_back(std::move(Op));
    OperandExprs.push_back(Arg);
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
  (void)MemberLoc;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
  return addArguments(Call, 0, nullptr, Method, Callee);
}

bool Planner::planPlainCall(const CallExpr *Call) {
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

unsigned Planner::keptCount() const {
  unsigned Count = Plan.Shape == CallShape::ImplicitThisMember ? 1 : 0;
  for (const OperandPlan &Op : Plan.Operands)
    Count += Op.How == Keep::InitializerList ? Op.Elements.size() : 1;
  return Count;
}

bool Planner::run(const Expr *E) {
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
  if (!Var || !isNestedLocal(Var))
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
void Planner::warnIfClosureDangles(const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var || !isNestedLocal(Var))
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

bool planCall(const DeferSite &Site, const DeferFunction &F, ASTContext &Ctx,
              CallPlan &Plan, std::vector<Finding> &Findings,
              std::vector<const Expr *> *OperandExprs) {
  SourceLocation Where =
      Ctx.getSourceManager().getFileLoc(Site.Marker->getBeginLoc());
  Planner P(&F, Ctx, Plan, Findings, Where);
  if (!P.run(Site.Call))
    return false;
  assert(P.OperandExprs.size() == Plan.Operands.size() &&
         "one expression per operand");
  if (OperandExprs)
    *OperandExprs = P.OperandExprs;
  if (!F.Function->isTemplated() || !isDependentCall(Site.Call))
    return true;
  // A dependent call. An operand binds the same in every instantiation
  // when the rule that binds it does not look at a parameter type: a
  // closure is a prvalue kept by value; the object of `obj.f()` binds like
  // the implicit object parameter, by its value category (known for a
  // named variable whatever its type); a callee value of a known type.
  for (size_t I = 0; I < Plan.Operands.size(); ++I) {
    OperandPlan &Op = Plan.Operands[I];
    // A table's thunks evaluate every operand at the statement.
    if (Op.How == Keep::Spelled)
      Op.How = Keep::Value;
    const Expr *E = P.OperandExprs[I]->IgnoreParenImpCasts();
    bool IsObject = I == 0 && Plan.Shape == CallShape::Member;
    bool IsCallee = I == 0 && Plan.Shape == CallShape::CalleeValue;
    bool Certain =
        isa<LambdaExpr>(E) ||
        // `obj.f()` on a named object: by reference, whatever
        // its type (`p->f()` depends on what p is).
        (IsObject && !Plan.Arrow && isa<DeclRefExpr>(E) && E->isLValue()) ||
        ((IsObject || IsCallee) && !E->isTypeDependent());
    Op.PerInstantiation = !Certain;
    Plan.PerInstantiation |= !Certain;
  }
  return true;
}

/// `decltype((E))`: `T&` for an lvalue, `T&&` for an xvalue, `T` for a
/// prvalue.
static std::string keyType(const Expr *E, const ASTContext &Ctx) {
  // The reference type itself is spelled: `const char (&)[25]` for a
  // string literal, not `const char[25] &`.
  QualType T = E->getType();
  if (E->isLValue())
    T = Ctx.getLValueReferenceType(T);
  else if (E->isXValue())
    T = Ctx.getRValueReferenceType(T);
  return spellExactType(T, Ctx);
}

bool planInstantiation(const Expr *Call, const CallPlan &Pattern,
                       ASTContext &Ctx, SourceLocation Where,
                       InstantiationPlan &Out, std::vector<Finding> &Findings) {
  CallPlan Plan;
  Planner P(nullptr, Ctx, Plan, Findings, Where);
  if (!P.run(Call))
    return false;
  if (Plan.Shape != Pattern.Shape ||
      Plan.Operands.size() != Pattern.Operands.size()) {
    // Only a default argument can add an operand in an instantiation.
    Findings.push_back({DiagId::DependentDefaultArgument, Where, {""}});
    return false;
  }
  if (Plan.Shape == CallShape::ImplicitThisMember) {
    // `this` is kept as written in every instantiation.
    Out.KeyTypes.push_back("");
    Out.Bindings.push_back(Keep::Value);
    Out.BindingTypes.push_back("");
  }
  for (unsigned I = 0; I < Plan.Operands.size(); ++I) {
    const OperandPlan &Op = Plan.Operands[I];
    if (!Pattern.Operands[I].PerInstantiation) {
      Out.KeyTypes.push_back("");
      Out.Bindings.push_back(Pattern.Operands[I].How);
      Out.BindingTypes.push_back("");
      continue;
    }
    const Expr *E = P.OperandExprs[I];
    if (Op.isDefaultArgument()) {
      Findings.push_back({DiagId::DependentDefaultArgument, Where, {""}});
      return false;
    }
    if (Op.How == Keep::InitializerList || Op.How == Keep::InPlace) {
      Findings.push_back({DiagId::DependentBracedArgument, Where, {}});
      return false;
    }
    std::string Key = keyType(E->IgnoreUnlessSpelledInSource(), Ctx);
    if (!isSpellable(Key) || !isSpellable(Op.Type)) {
      Findings.push_back({DiagId::DependentOperandNotSpellable,
                          Where,
                          {std::to_string(I + 1), Key}});
      return false;
    }
    Out.KeyTypes.push_back(Key);
    Keep How = Op.How == Keep::BitField ? Keep::Value : Op.How;
    Out.Bindings.push_back(How);
    Out.BindingTypes.push_back(How == Keep::Conversion ? Op.Type : "");
  }
  return true;
}

} // namespace cxxdefer
