//===- PlanArguments.cpp - How each argument reaches its parameter --------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// SPEC 2.3: the arguments of a deferred call are evaluated at the defer
/// statement. C++ evaluates an argument by initialising its parameter, so
/// the rule here is C++'s parameter initialisation, split in two: what
/// happens now, and what the call at exit does with what was kept.
///
///   - A reference parameter bound to an object: the object is designated
///     now, a pointer to it is kept (Keep::Reference).
///   - A by-value parameter, or a temporary a reference parameter binds:
///     the value is made now and kept (Keep::Value); converted now when
///     making it runs user code (a converting constructor, slicing:
///     Keep::Conversion); built in place when it is a braced list, or when
///     its type can be neither copied nor moved (Keep::InPlace, C++17).
///   - A std::initializer_list parameter from a braced list: its array
///     lives only as long as the full-expression, so each element is kept
///     and the braces are written again at exit (Keep::InitializerList).
///   - A bit-field cannot be bound to a reference: it is read now.
///   - A string literal for a pointer: nothing to evaluate; its text moves
///     to the call at exit, where the compiler's format checks still see it.
///   - A default argument the call does not write is evaluated now too,
///     written out at the defer statement (DefaultArgument.h) - but only
///     up to the last one that must be: a constant can stay behind.
///
/// In a dependent call's pattern a parameter type may be unknown; the
/// binding planned then is a placeholder that each instantiation replaces
/// (PlanDependentCall.cpp).
///
//===----------------------------------------------------------------------===//

#include "CallPlanner.h"
#include "DefaultArgument.h"
#include "SpellType.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace cxxdefer {

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
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  const auto *CTSD = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!CTSD || !CTSD->getIdentifier() ||
      CTSD->getName() != "initializer_list" || !CTSD->isInStdNamespace())
    return QualType();
  return CTSD->getTemplateArgs()[0].getAsType();
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

/// For a call that Sema could not resolve (the pattern of a dependent
/// call): asks every candidate found by name lookup whether parameter
/// \p Index is a reference. \returns the answer if they all agree.
std::optional<bool> CallPlanner::candidatesTakeReference(const Expr *CalleeName,
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

/// How argument \p Arg is kept so that it initialises a parameter of type
/// \p Param at exit exactly as it would have at the defer statement.
Keep CallPlanner::argumentBinding(const Expr *Arg, QualType Param,
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

/// Whether \p Arg names a function that only the parameter's type picks:
/// an overloaded name or a template's specialization (`cb`, `&cb`,
/// `f<int>`). Nothing can deduce its type, so it is kept as the parameter.
static bool namesOverloadedFunction(const Expr *Arg) {
  const Expr *E = Arg->IgnoreUnlessSpelledInSource()->IgnoreParens();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E))
    if (AddressOf->getOpcode() == UO_AddrOf)
      E = AddressOf->getSubExpr()->IgnoreParens();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Function = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  if (!Function)
    return false;
  if (Function->getTemplateSpecializationKind() != TSK_Undeclared ||
      Ref->hasExplicitTemplateArgs())
    return true;
  unsigned Functions = 0;
  for (const NamedDecl *Same :
       Function->getDeclContext()->getRedeclContext()->lookup(
           Function->getDeclName()))
    if (Same->getUnderlyingDecl()->getAsFunction())
      ++Functions;
  return Functions > 1;
}

/// Adds one written argument that initialises \p Param.
bool CallPlanner::addArgument(const Expr *Arg, QualType Param,
                              const ParmVarDecl *Parm) {
  if (isMovableLiteral(Arg, Param))
    return addOperand(Arg, Keep::Spelled);
  if (!Param->isReferenceType() && !Param->isDependentType() &&
      namesOverloadedFunction(Arg))
    return addOperand(Arg, Keep::InPlace, spellType(Param, Ctx));
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
  if (QualType Element = initializerListElement(Target); !Element.isNull())
    return addInitializerList(Arg, Element);
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

/// Adds a braced list \p Arg for a std::initializer_list<\p Element>
/// parameter: each element is kept, in place.
bool CallPlanner::addInitializerList(const Expr *Arg, QualType Element) {
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

/// Adds the default arguments the call does not write, from the first
/// one that must be evaluated at the defer statement on... up to the last
/// such one: those after it keep their defaults at exit.
bool CallPlanner::addDefaultArguments(const CallExpr *Call, unsigned FirstArg) {
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
  return true;
}

/// Adds the call's arguments from \p FirstArg on. \p Proto (or \p Callee)
/// gives the parameter types when Sema resolved the call; otherwise
/// \p CalleeName's lookup candidates are asked (a dependent call's
/// pattern: its real bindings come from its instantiations).
bool CallPlanner::addArguments(const CallExpr *Call, unsigned FirstArg,
                               const FunctionProtoType *Proto,
                               const FunctionDecl *Callee,
                               const Expr *CalleeName) {
  for (unsigned I = FirstArg, E = Call->getNumArgs(); I < E; ++I) {
    const Expr *Arg = Call->getArg(I);
    unsigned ParamIndex = I - FirstArg;
    if (isa<CXXDefaultArgExpr>(Arg))
      return addDefaultArguments(Call, FirstArg);
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

} // namespace cxxdefer
