//===- AnalysisConsumer.cpp - The parse that analysis reads ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Before the rewrite, `__result` has no real type: the header cannot know
/// which function it is used in. A plain placeholder object converts to and
/// from anything, which is enough for assignments and arithmetic, but not
/// for `__result.member` - and a parse with errors cannot be analysed.
///
/// So the parse that analysis reads defines CXXDEFER_ANALYSIS, under which
/// the header declares no global `__result`, and Sema asks this consumer's
/// ExternalSemaSource about the name when ordinary lookup fails. The answer
/// is a variable of the enclosing function's result type, declared (once
/// per function) in that function: the innermost enclosing function whose
/// result type is written - a deferred closure's is deduced, so `__result`
/// inside it names its enclosing function's, as in Go. The variable exists
/// only for this parse; the rewrite renames every use of it.
///
/// Where no such function exists, or inside a template (whose instantiation
/// would look for the variable's instantiated copy), the answer is the
/// header's placeholder (cxxdefer::analysis::__result), as before.
///
//===----------------------------------------------------------------------===//

#include "SourceText.h"
#include "cxxdefer/Rewrite.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace cxxdefer {

class AnalysisConsumer::ResultLookup : public ExternalSemaSource {
public:
  void InitializeSema(Sema &S) override { SemaRef = &S; }
  void ForgetSema() override { SemaRef = nullptr; }

  bool LookupUnqualified(LookupResult &R, Scope *) override {
    if (!SemaRef || !R.getLookupName().isIdentifier() ||
        R.getLookupName().getAsIdentifierInfo()->getName() != "__result" ||
        R.getLookupKind() != Sema::LookupOrdinaryName)
      return false;
    if (NamedDecl *D = declarationFor(SemaRef->CurContext, R.getNameLoc())) {
      R.addDecl(D);
      return true;
    }
    return false;
  }

private:
  Sema *SemaRef = nullptr;
  llvm::DenseMap<const FunctionDecl *, VarDecl *> ByFunction;

  static bool isDeferStatementLambda(const FunctionDecl *FD) {
    for (const auto *Annotation : FD->specific_attrs<AnnotateAttr>())
      if (Annotation->getAnnotation() == "cxxdefer.statement")
        return true;
    return false;
  }

  /// The function whose result `__result` names at \p DC; null where the
  /// header's placeholder answers: no such function, a template, or a
  /// closure that contains the defer statement but whose result type is
  /// not deduced yet (its `return` comes later; FindSites.cpp decides once
  /// it is known whether the closure has a result of its own).
  static const FunctionDecl *owner(const DeclContext *DC) {
    bool InDeferStatement = false;
    for (; DC; DC = DC->getParent()) {
      const auto *FD = dyn_cast<FunctionDecl>(DC);
      if (!FD)
        continue;
      if (isDeferStatementLambda(FD)) {
        InDeferStatement = true; // the parse-only lambda around a call
        continue;
      }
      if (FD->isTemplated())
        return nullptr;
      QualType T = FD->getReturnType();
      const auto *Method = dyn_cast<CXXMethodDecl>(FD);
      bool IsLambda = Method && Method->getParent()->isLambda();
      bool HasDeferStatement = InDeferStatement;
      InDeferStatement = false;
      if (T->getContainedDeducedType() && T->isUndeducedType()) {
        if (HasDeferStatement)
          return nullptr;
        continue; // a deferred closure whose result type is deduced
      }
      if (IsLambda && T->isVoidType())
        continue; // a closure without a result of its own (FindSites.cpp)
      return FD;
    }
    return nullptr;
  }

  NamedDecl *declarationFor(DeclContext *DC, SourceLocation Loc) {
    const FunctionDecl *FD = owner(DC);
    if (!FD || FD->getReturnType()->isVoidType() ||
        isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD))
      return placeholder();
    VarDecl *&Var = ByFunction[FD];
    if (!Var) {
      ASTContext &Ctx = SemaRef->getASTContext();
      QualType T = FD->getReturnType().getNonReferenceType();
      Var = VarDecl::Create(Ctx, const_cast<FunctionDecl *>(FD), Loc, Loc,
                            &Ctx.Idents.get("__result"),
                            Ctx.getLValueReferenceType(T),
                            Ctx.getTrivialTypeSourceInfo(T, Loc), SC_None);
      Var->setImplicit();
    }
    return Var;
  }

  NamedDecl *placeholder() {
    return resultPlaceholder(SemaRef->getASTContext());
  }
};

NamedDecl *resultPlaceholder(ASTContext &Ctx) {
  auto Find = [&](const DeclContext *DC, StringRef Name) -> NamedDecl * {
    DeclContext::lookup_result Found = DC->lookup(&Ctx.Idents.get(Name));
    return Found.empty() ? nullptr : Found.front();
  };
  auto *Top = dyn_cast_or_null<NamespaceDecl>(
      Find(Ctx.getTranslationUnitDecl(), "cxxdefer"));
  auto *Analysis =
      Top ? dyn_cast_or_null<NamespaceDecl>(Find(Top, "analysis")) : nullptr;
  return Analysis ? Find(Analysis, "__result") : nullptr;
}

AnalysisConsumer::AnalysisConsumer(Preprocessor &PP, Callback OnTranslationUnit)
    : Tokens(recordMacroTokens(PP)),
      OnTranslationUnit(std::move(OnTranslationUnit)) {}

AnalysisConsumer::~AnalysisConsumer() = default;

void AnalysisConsumer::InitializeSema(Sema &S) {
  // Sema keeps (and, reference-counted, frees) the source; it is added
  // after Sema initialised its own sources, so it is told about Sema here.
  auto *Lookup = new ResultLookup();
  Lookup->InitializeSema(S);
  S.addExternalSource(Lookup);
}

void AnalysisConsumer::HandleTranslationUnit(ASTContext &Ctx) {
  OnTranslationUnit(Ctx, Tokens.get());
}

} // namespace cxxdefer
