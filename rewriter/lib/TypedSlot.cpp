//===- TypedSlot.cpp - A hoisted slot that names its call's type ----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "TypedSlot.h"
#include "SpellType.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include <cassert>

using namespace clang;

namespace cxxdefer {

namespace {

/// What the statements between a slot and its defer statement declare.
class DeclarationsBefore : public RecursiveASTVisitor<DeclarationsBefore> {
public:
  DeclarationsBefore(const SourceManager &SM, SourceLocation Statement)
      : SM(SM), Statement(SM.getExpansionLoc(Statement)) {}

  /// A declaration other than a variable (a using-directive, a function,
  /// a type...) stands between the slot and the statement.
  bool AnyOther = false;
  /// An `if constexpr` does: it may discard the defer statement, whose
  /// callee the slot would still use.
  bool ConstexprIf = false;

  bool VisitIfStmt(IfStmt *If) {
    ConstexprIf |= If->isConstexpr();
    return true;
  }

  // A lambda's or block's own declarations are not in scope outside it (a
  // defer statement inside one belongs to that function, not this one).
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }

  bool VisitDecl(Decl *D) {
    if (!SM.isBeforeInTranslationUnit(SM.getExpansionLoc(D->getBeginLoc()),
                                      Statement))
      return true;
    if (!isa<VarDecl>(D) && !isa<BindingDecl>(D) && !isa<LabelDecl>(D))
      AnyOther = true;
    return true;
  }

private:
  const SourceManager &SM;
  SourceLocation Statement;
};

/// Names a type can be spelled with at the slot, and what it knows of
/// where the slot is.
class SlotScope {
public:
  SlotScope(const DeferFunction &F, unsigned SlotIndex, ASTContext &Ctx)
      : F(F), SlotIndex(SlotIndex), Ctx(Ctx) {}

  /// \p T spelled for the slot, or std::nullopt if it cannot be named
  /// there. \p Exact keeps its qualifiers and reference.
  std::optional<std::string> spell(QualType T, bool Exact) const {
    if (T.isNull() || T->isInstantiationDependentType() ||
        T->isVariablyModifiedType() || !namesOnlyVisibleTypes(T))
      return std::nullopt;
    if (T.getNonReferenceType()->isNullPtrType() && !T->isReferenceType())
      return std::string("decltype(nullptr)");
    // Canonical: sugar may name an alias the slot cannot see (one declared
    // in a lambda whose call's type the operand has).
    T = T.getCanonicalType();
    std::string Spelled = Exact ? spellExactType(T, Ctx) : spellType(T, Ctx);
    if (!isSpellable(Spelled) || llvm::StringRef(Spelled).contains("nullptr_t"))
      return std::nullopt;
    return Spelled;
  }

private:
  const DeferFunction &F;
  unsigned SlotIndex;
  ASTContext &Ctx;

  /// A class or enum local to a function is in scope at the slot only if a
  /// top-level statement before the slot declares it, or the function is
  /// one of its members.
  bool visible(const TagDecl *Tag) const {
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Tag))
      if (Record->isLambda())
        return false;
    // Spelled `::ns::Name`: an anonymous namespace is not spelled, so
    // another Name could be found; a function or variable of the same name
    // beside it (`struct stat` and `stat()`) hides it; and a member type
    // that is not public may not be named by this function.
    if (Tag->isInAnonymousNamespace())
      return false;
    for (const Decl *D = Tag; isa<RecordDecl>(D->getDeclContext());
         D = cast<Decl>(D->getDeclContext()))
      if (D->getAccess() != AS_public)
        return false;
    for (const NamedDecl *Same :
         Tag->getDeclContext()->lookup(Tag->getDeclName()))
      if (!isa<TagDecl>(Same))
        return false;
    if (!Tag->getParentFunctionOrMethod())
      return true;
    if (Tag->Encloses(F.Function))
      return true;
    for (unsigned I = 0; I < SlotIndex; ++I)
      if (const auto *DS = dyn_cast<DeclStmt>(F.Body->body_begin()[I]))
        for (const Decl *D : DS->decls())
          if (D == Tag)
            return true;
    return false;
  }

  bool namesOnlyVisibleTypes(QualType T) const {
    T = T.getCanonicalType();
    if (const auto *Ref = T->getAs<ReferenceType>())
      return namesOnlyVisibleTypes(Ref->getPointeeType());
    if (const auto *Ptr = T->getAs<PointerType>())
      return namesOnlyVisibleTypes(Ptr->getPointeeType());
    if (const auto *MemPtr = T->getAs<MemberPointerType>())
      return namesOnlyVisibleTypes(QualType(MemPtr->getClass(), 0)) &&
             namesOnlyVisibleTypes(MemPtr->getPointeeType());
    if (const auto *Array = dyn_cast<ArrayType>(T.getTypePtr()))
      return namesOnlyVisibleTypes(Array->getElementType());
    if (const auto *Proto = T->getAs<FunctionProtoType>()) {
      if (!namesOnlyVisibleTypes(Proto->getReturnType()))
        return false;
      for (QualType Param : Proto->param_types())
        if (!namesOnlyVisibleTypes(Param))
          return false;
      return true;
    }
    if (const auto *Tag = T->getAsTagDecl()) {
      if (!visible(Tag))
        return false;
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Tag))
        for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
          if (!namesOnlyVisibleArgument(Arg))
            return false;
      return true;
    }
    // Builtins; vectors and the like are not worth spelling.
    return T->isBuiltinType();
  }

  bool namesOnlyVisibleArgument(const TemplateArgument &Arg) const {
    switch (Arg.getKind()) {
    case TemplateArgument::Type:
      return namesOnlyVisibleTypes(Arg.getAsType());

    case TemplateArgument::Pack:
      for (const TemplateArgument &Elem : Arg.pack_elements())
        if (!namesOnlyVisibleArgument(Elem))
          return false;
      return true;
    case TemplateArgument::Template:
      return true;
    default:
      // A value (an integer, a declaration, a null pointer): Clang spells
      // it as a literal or an unqualified name, not always one that means
      // the same at the slot.
      return false;
    }
  }
};

/// The type the runtime's wrapper gives operand \p Op (cxxdefer/operands.h:
/// `ref_arg<T>` or `value_arg<T>`), spelled for the slot.
std::optional<KeptType> keptType(const OperandPlan &Op, const Expr *E,
                                 const SlotScope &Scope, ASTContext &Ctx) {
  const Expr *Written = E->IgnoreUnlessSpelledInSource();
  QualType T = Written->getType();
  std::optional<std::string> Spelled;
  switch (Op.How) {
  case Keep::Reference:
    // ref(x): a reference of x's value category to x's type, qualifiers
    // kept.
    if (Written->isPRValue())
      return std::nullopt;
    Spelled = Scope.spell(Written->isLValue() ? Ctx.getLValueReferenceType(T)
                                              : Ctx.getRValueReferenceType(T),
                          /*Exact=*/true);
    if (!Spelled)
      return std::nullopt;
    return KeptType{true, std::move(*Spelled)};
  case Keep::Value:
    // val(x): x's type decayed.
    if (T->isArrayType())
      T = Ctx.getArrayDecayedType(T);
    else if (T->isFunctionType())
      T = Ctx.getPointerType(T);
    Spelled = Scope.spell(T.getUnqualifiedType(), /*Exact=*/false);
    if (!Spelled)
      return std::nullopt;
    return KeptType{false, std::move(*Spelled)};
  case Keep::Conversion:
  case Keep::InPlace:
  case Keep::BitField:
    // as<P>(x), value_arg<P>{x}, val(static_cast<P>(x)): the type the
    // plan spelled. Checked on the type the call converts the operand to.
    assert(!Op.Type.empty() && "a converted operand without its type");
    if (!Scope.spell(E->getType().getNonReferenceType(), /*Exact=*/false))
      return std::nullopt;
    return KeptType{false, Op.Type};
  case Keep::Arrow:
  case Keep::InitializerList:
  case Keep::Spelled:
    break;
  }
  return std::nullopt;
}

/// Whether \p Qualifier, written before the callee's name, means the same
/// anywhere in the function: namespaces and classes named without
/// template arguments. `decltype(x)::`, `Tmpl<sizeof(x)>::`, `T<__LINE__>::`
/// depend on where they are written.
bool isPlainQualifier(const NestedNameSpecifier *Qualifier) {
  for (; Qualifier; Qualifier = Qualifier->getPrefix()) {
    switch (Qualifier->getKind()) {
    case NestedNameSpecifier::Namespace:
    case NestedNameSpecifier::NamespaceAlias:
    case NestedNameSpecifier::Global:
      continue;
    case NestedNameSpecifier::TypeSpec: {
      const Type *T = Qualifier->getAsType();
      if (const auto *Elaborated = dyn_cast<ElaboratedType>(T))
        T = Elaborated->getNamedType().getTypePtr();
      if (isa<RecordType>(T) || isa<EnumType>(T) || isa<TypedefType>(T))
        continue;
      return false;
    }
    default:
      return false;
    }
  }
  return true;
}

/// Whether the callee of \p Call, which the caller lambda spells again,
/// means the same at the slot as at the defer statement: a name, maybe
/// qualified by namespaces and classes, without template arguments (which
/// may name a local, or hold `__LINE__`). A call through a value or an
/// operator spells no name. Unsure: false.
bool isPlainCallee(const Expr *Call) {
  const auto *C = dyn_cast<CallExpr>(Call->IgnoreImplicit());
  if (!C || !C->getCallee())
    return false;
  if (isa<CXXOperatorCallExpr>(C))
    return true;
  const Expr *Callee = C->getCallee()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    return !Ref->hasExplicitTemplateArgs() &&
           (isa<VarDecl>(Ref->getDecl()) ||
            isPlainQualifier(Ref->getQualifier()));
  if (const auto *Member = dyn_cast<MemberExpr>(Callee))
    return !Member->hasExplicitTemplateArgs() &&
           isPlainQualifier(Member->getQualifier());
  if (const auto *Overloads = dyn_cast<OverloadExpr>(Callee))
    return !Overloads->hasExplicitTemplateArgs() &&
           isPlainQualifier(Overloads->getQualifier());
  return false;
}

} // namespace

std::optional<std::vector<KeptType>>
typedSlotCall(const DeferSite &Site, const DeferFunction &F, unsigned SlotIndex,
              const CallPlan &Call, llvm::ArrayRef<const Expr *> OperandExprs,
              ASTContext &Ctx) {
  assert(OperandExprs.size() == Call.Operands.size() &&
         "one expression per operand");
  assert(SlotIndex <= Site.TopLevelIndex && "a slot after its statement");
  if (Call.PerInstantiation || Call.BuildInPlace ||
      Site.Call->isInstantiationDependent())
    return std::nullopt;

  // Nothing between the slot and the statement may change what the
  // caller's callee finds.
  DeclarationsBefore Between(Ctx.getSourceManager(),
                             Site.Marker->getBeginLoc());
  for (unsigned I = SlotIndex; I <= Site.TopLevelIndex; ++I)
    Between.TraverseStmt(const_cast<Stmt *>(F.Body->body_begin()[I]));
  if (Between.AnyOther || Between.ConstexprIf || !isPlainCallee(Site.Call))
    return std::nullopt;

  SlotScope Scope(F, SlotIndex, Ctx);
  std::vector<KeptType> Types;
  if (Call.Shape == CallShape::ImplicitThisMember) {
    const auto *Member =
        dyn_cast<CXXMemberCallExpr>(Site.Call->IgnoreImplicit());
    if (!Member || !Member->getImplicitObjectArgument())
      return std::nullopt;
    std::optional<std::string> This = Scope.spell(
        Member->getImplicitObjectArgument()->getType(), /*Exact=*/false);
    if (!This)
      return std::nullopt;
    Types.push_back({false, std::move(*This)});
  }
  // A default argument's type is the compilers' business
  // (`__builtin_LINE()` is unsigned for Clang, int for GCC).
  for (const OperandPlan &Op : Call.Operands)
    if (Op.isDefaultArgument())
      return std::nullopt;
  for (size_t I = 0; I < Call.Operands.size(); ++I) {
    const OperandPlan &Op = Call.Operands[I];
    if (Op.How == Keep::Spelled)
      continue;
    std::optional<KeptType> Type = keptType(Op, OperandExprs[I], Scope, Ctx);
    if (!Type)
      return std::nullopt;
    Types.push_back(std::move(*Type));
  }
  return Types;
}

} // namespace cxxdefer
