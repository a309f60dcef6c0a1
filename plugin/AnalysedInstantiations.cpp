//===- AnalysedInstantiations.cpp - What the pre-parse instantiates -------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Where the pre-parse's time goes (docs/benchmarks.md, -ftime-trace of the
/// probe): about 58 % parsing headers, 39 % instantiating, at the end of the
/// translation unit, the function templates the code used (<regex>'s
/// compiler and executor, <map>'s tree, the streams), 3 % the main file.
/// The live compile needs all of that; the analysis needs little of it.
///
/// What the core reads of instantiated bodies:
///
/// - the instantiations of user templates that contain a defer statement
///   (Instantiations.cpp plans a dependent deferred call per instantiation);
/// - the bodies that the walk of Reach.cpp enters from a deferred call: it
///   decides whether the call can throw or reach `__recover()`, and a
///   function template without a body answers differently from one with.
///
/// Nothing else: the sites, the plans and the printed text come from user
/// code, and user code is never a pending instantiation.
///
/// So at the end of the translation unit (the ExternalSemaSource hook that
/// Sema calls just before PerformPendingInstantiations) the limiter first
/// looks for a defer statement in a user template. If there is one, nothing
/// is left out: its instantiations may come from anywhere, even from a
/// standard template (through a user's specialization of std::hash, say).
/// Otherwise the first item above is empty, and the limiter moves out of
/// Sema's queue every pending instantiation of a template declared in a
/// system header (cxxdefer/SystemCode.h) whose template arguments (its own and
/// its enclosing classes') name only system-header entities; the others (a
/// user's template, or std::sort of a user's lambda) are made as usual.
///
/// The second item: before the core runs, the limiter walks from every
/// deferred call's closure body over every function it names (callees,
/// constructors, destructors of temporaries and of deleted objects, the
/// operators of new and delete: everything Reach.cpp follows, and more),
/// into their bodies, and instantiates on the way every function whose
/// instantiation is still pending, whether left out above or queued by an
/// instantiation made on the walk. Each function Reach.cpp enters is named
/// by a body it entered before, so by induction it has a body here exactly
/// when it has one after a complete instantiation: the walk of the core
/// sees the same bodies, and answers the same. Whatever is still pending
/// after that is never instantiated; the pre-parse ends there.
///
/// What changes is what the pre-parse can report: an error inside a
/// left-out instantiation (a template of the standard library misused with
/// its own types) is not seen here, so the plugin rewrites, and the live
/// compile reports that error on the rewritten text, which is the user's
/// on every line without a defer statement.
///
/// -fplugin-arg-cxxdefer-instantiate-all turns the limiter off, to compare.
///
//===----------------------------------------------------------------------===//

#include "AnalysedInstantiations.h"
#include "cxxdefer/SystemCode.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaConsumer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;
using cxxdefer::SystemCode;
using namespace cxxdefer::plugin;

namespace {

/// Whether \p FD is the closure body of a defer statement: the parse-only
/// `__defer` and `__errdefer` annotate it (cxxdefer/parse_only.h).
bool isDeferStatementBody(const FunctionDecl *FD) {
  for (const auto *Annotation : FD->specific_attrs<AnnotateAttr>())
    if (Annotation->getAnnotation() == "cxxdefer.statement")
      return true;
  return false;
}

/// The defer statements of user code: the closure bodies to walk from, and
/// whether one of them is in a template.
class DeferStatementFinder : public RecursiveASTVisitor<DeferStatementFinder> {
public:
  std::vector<FunctionDecl *> Bodies;
  bool InTemplate = false;

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    CXXMethodDecl *Body = Lambda->getCallOperator();
    if (!isDeferStatementBody(Body))
      return true;
    if (Lambda->getLambdaClass()->isDependentContext())
      InTemplate = true;
    else
      Bodies.push_back(Body);
    return true;
  }
};

/// Whether a template argument list names only system-header entities.
class SystemOnly {
public:
  explicit SystemOnly(const SystemCode &System) : System(System) {}

  bool args(ArrayRef<TemplateArgument> Args) {
    for (const TemplateArgument &Arg : Args)
      if (!arg(Arg))
        return false;
    return true;
  }

  bool decl(const Decl *D) {
    // No location (a builtin) or a user file: not the system's.
    SourceLocation Loc = D->getLocation();
    if (Loc.isInvalid() || !System.contains(Loc))
      return false;
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D);
    if (!Spec)
      return true;
    auto [It, Inserted] = Specializations.try_emplace(Spec, false);
    if (Inserted)
      It->second = args(Spec->getTemplateArgs().asArray());
    return It->second;
  }

  bool type(QualType T) {
    if (T.isNull())
      return false;
    const Type *Ty = T.getCanonicalType().getTypePtr();
    switch (Ty->getTypeClass()) {
    case Type::Builtin:
      return true;
    case Type::Pointer:
    case Type::BlockPointer:
    case Type::LValueReference:
    case Type::RValueReference:
      return type(Ty->getPointeeType());
    case Type::MemberPointer: {
      const auto *MP = cast<MemberPointerType>(Ty);
      return type(MP->getPointeeType()) && type(QualType(MP->getClass(), 0));
    }
    case Type::ConstantArray:
    case Type::IncompleteArray:
    case Type::VariableArray:
      return type(cast<ArrayType>(Ty)->getElementType());
    case Type::Complex:
      return type(cast<ComplexType>(Ty)->getElementType());
    case Type::Vector:
    case Type::ExtVector:
      return type(cast<VectorType>(Ty)->getElementType());
    case Type::Atomic:
      return type(cast<AtomicType>(Ty)->getValueType());
    case Type::FunctionNoProto:
      return type(cast<FunctionType>(Ty)->getReturnType());
    case Type::FunctionProto: {
      const auto *Proto = cast<FunctionProtoType>(Ty);
      if (!type(Proto->getReturnType()))
        return false;
      for (QualType Param : Proto->param_types())
        if (!type(Param))
          return false;
      return true;
    }
    case Type::Record:
    case Type::Enum:
      return decl(cast<TagType>(Ty)->getDecl());
    default:
      return false; // anything else: assume it may name a user entity
    }
  }

private:
  const SystemCode &System;
  llvm::DenseMap<const ClassTemplateSpecializationDecl *, bool> Specializations;

  bool arg(const TemplateArgument &Arg) {
    switch (Arg.getKind()) {
    case TemplateArgument::Null:
      return true;
    case TemplateArgument::NullPtr:
      return type(Arg.getNullPtrType());
    case TemplateArgument::Integral:
      return type(Arg.getIntegralType()); // an enumeration may be the user's
    case TemplateArgument::Type:
      return type(Arg.getAsType());
    case TemplateArgument::Declaration:
      return decl(Arg.getAsDecl());
    case TemplateArgument::Template:
    case TemplateArgument::TemplateExpansion:
      if (const TemplateDecl *TD =
              Arg.getAsTemplateOrTemplatePattern().getAsTemplateDecl())
        return decl(TD);
      return false;
    case TemplateArgument::Pack:
      return args(Arg.pack_elements());
    case TemplateArgument::StructuralValue:
    case TemplateArgument::Expression:
      return false;
    }
    return false;
  }
};

class Limiter;

/// Sema calls ReadPendingInstantiations just before it instantiates what is
/// pending at the end of the translation unit.
class EndOfTranslationUnit : public ExternalSemaSource {
public:
  explicit EndOfTranslationUnit(Limiter &L) : L(&L) {}
  void ReadPendingInstantiations(
      SmallVectorImpl<std::pair<ValueDecl *, SourceLocation>> &) override;
  void ForgetSema() override { L = nullptr; }

private:
  Limiter *L;
};

class Limiter : public SemaConsumer {
public:
  Limiter(InstantiationCounts &Counts, bool Enabled)
      : Counts(Counts), Enabled(Enabled) {}

  void InitializeSema(Sema &S) override {
    SemaRef = &S;
    // Sema keeps (and, reference-counted, frees) the source.
    S.addExternalSource(new EndOfTranslationUnit(*this));
  }
  void ForgetSema() override { SemaRef = nullptr; }

  /// Leaves out what the analysis cannot see (see the file comment).
  void atEndOfTranslationUnit();

  /// Runs before the core's consumer: instantiates what deferred calls can
  /// reach.
  void HandleTranslationUnit(ASTContext &) override { instantiateReached(); }

private:
  InstantiationCounts &Counts;
  bool Enabled;
  Sema *SemaRef = nullptr;
  std::vector<FunctionDecl *> DeferBodies;

  void instantiateReached();
  bool instantiateIfPending(FunctionDecl *FD);
};

void EndOfTranslationUnit::ReadPendingInstantiations(
    SmallVectorImpl<std::pair<ValueDecl *, SourceLocation>> &) {
  if (L)
    L->atEndOfTranslationUnit();
}

/// Whether the pending instantiation \p D is of a system-header template
/// with system-header arguments only.
static bool isSystemOnly(const ValueDecl *D, SystemOnly &Args,
                         const SystemCode &System) {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  if (!FD)
    return false; // a variable: few, and kept
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (!Pattern || Pattern->getLocation().isInvalid() ||
      !System.contains(Pattern->getLocation()))
    return false;
  if (const TemplateArgumentList *List = FD->getTemplateSpecializationArgs())
    if (!Args.args(List->asArray()))
      return false;
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(DC)) {
      if (!Args.decl(Spec))
        return false;
    } else if (const auto *Outer = dyn_cast<FunctionDecl>(DC)) {
      if (const TemplateArgumentList *List =
              Outer->getTemplateSpecializationArgs())
        if (!Args.args(List->asArray()))
          return false;
    } else if (const auto *Record = dyn_cast<CXXRecordDecl>(DC)) {
      if (!Args.decl(Record))
        return false;
    }
  }
  return true;
}

void Limiter::atEndOfTranslationUnit() {
  if (!SemaRef || Counts.Ran)
    return;
  Counts.Ran = true;
  Sema &S = *SemaRef;
  Counts.Pending = S.PendingInstantiations.size();

  ASTContext &Ctx = S.getASTContext();
  // A library written for cxxdefer is the user's code even in a system
  // header: its templates may defer too.
  SystemCode System(Ctx.getSourceManager());
  DeferStatementFinder Finder;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (D->getLocation().isValid() && !System.contains(D->getLocation()))
      Finder.TraverseDecl(D);
  Counts.DeferInTemplate = Finder.InTemplate;
  if (!Enabled) {
    Counts.KeptAllBecause = "-fplugin-arg-cxxdefer-instantiate-all";
    return;
  }
  if (Finder.InTemplate) {
    Counts.KeptAllBecause = "a template contains a defer statement";
    return;
  }
  DeferBodies = std::move(Finder.Bodies);

  // Left out: still marked pending, so that nothing queues them again, and
  // so that the walk below knows them.
  SystemOnly Args(System);
  std::deque<Sema::PendingImplicitInstantiation> Kept;
  for (const Sema::PendingImplicitInstantiation &Pending :
       S.PendingInstantiations) {
    if (isSystemOnly(Pending.first, Args, System))
      ++Counts.LeftOut;
    else
      Kept.push_back(Pending);
  }
  S.PendingInstantiations = std::move(Kept);
}

/// Instantiates \p FD if its instantiation is pending. \returns whether it
/// did.
bool Limiter::instantiateIfPending(FunctionDecl *FD) {
  for (FunctionDecl *Redecl : FD->redecls()) {
    if (!Redecl->instantiationIsPending())
      continue;
    SourceLocation Point = Redecl->getPointOfInstantiation();
    if (Point.isInvalid())
      Point = Redecl->getLocation();
    SemaRef->InstantiateFunctionDefinition(Point, Redecl, /*Recursive=*/false,
                                           /*DefinitionRequired=*/false,
                                           /*AtEndOfTU=*/true);
    Redecl->setInstantiationIsPending(false);
    return true;
  }
  return false;
}

void Limiter::instantiateReached() {
  if (!SemaRef || !Counts.LeftOut)
    return;
  llvm::DenseSet<const FunctionDecl *> Seen;
  std::vector<const Stmt *> Work;
  auto Function = [&](const FunctionDecl *Named) {
    if (!Named)
      return;
    auto *FD = const_cast<FunctionDecl *>(Named);
    if (Seen.contains(FD->getCanonicalDecl()))
      return;
    // A function without a body is looked at again each time it is named:
    // an instantiation made later on the walk may queue it.
    const FunctionDecl *Definition = nullptr;
    if (!FD->getBody(Definition)) {
      if (!instantiateIfPending(FD))
        return;
      ++Counts.Reached;
      if (!FD->getBody(Definition))
        return;
    }
    Seen.insert(FD->getCanonicalDecl());
    Work.push_back(Definition->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Definition))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        Work.push_back(Init->getInit());
  };
  auto Destructor = [&](QualType T) {
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
      if (RD->hasDefinition())
        Function(RD->getDestructor());
  };

  for (FunctionDecl *Body : DeferBodies)
    Function(Body);
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Function(dyn_cast<FunctionDecl>(Ref->getDecl()));
    else if (const auto *Member = dyn_cast<MemberExpr>(S))
      Function(dyn_cast<FunctionDecl>(Member->getMemberDecl()));
    else if (const auto *Call = dyn_cast<CallExpr>(S))
      Function(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()));
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      Function(Construct->getConstructor());
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(S))
      Function(Bind->getTemporary()->getDestructor());
    else if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S)) {
      Destructor(Delete->getDestroyedType());
      Function(Delete->getOperatorDelete());
    } else if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
      Function(New->getOperatorNew());
      Function(New->getOperatorDelete());
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

} // namespace

std::unique_ptr<ASTConsumer>
cxxdefer::plugin::createInstantiationLimiter(InstantiationCounts &Counts,
                                             bool Enabled) {
  return std::make_unique<Limiter>(Counts, Enabled);
}
