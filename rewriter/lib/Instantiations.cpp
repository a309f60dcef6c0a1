//===- Instantiations.cpp - A dependent call's bindings, per instantiation ===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Instantiations.h"
#include "FindSites.h"
#include "PlanCall.h"
#include "cxxdefer/SystemCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cxxdefer {

namespace {

/// Visits template instantiations too, but not inside system headers,
/// whose own instantiations are many and never hold a user's pattern.
class InstantiationFinder : public RecursiveASTVisitor<InstantiationFinder> {
public:
  InstantiationFinder(const SystemCode &System,
                      const llvm::DenseSet<const FunctionDecl *> &Patterns,
                      llvm::DenseMap<const FunctionDecl *,
                                     std::vector<const FunctionDecl *>> &Out)
      : System(System), Patterns(Patterns), Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  // Reaches the closure classes of lambdas, and with them the
  // specializations of generic lambdas' call operators.
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        System.contains(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->isTemplateInstantiation() || !FD->hasBody())
      return true;
    const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
    if (Pattern && Patterns.count(Pattern->getCanonicalDecl())) {
      std::vector<const FunctionDecl *> &List =
          Out[Pattern->getCanonicalDecl()];
      if (std::find(List.begin(), List.end(), FD) == List.end())
        List.push_back(FD);
    }
    return true;
  }

private:
  const SystemCode &System;
  const llvm::DenseSet<const FunctionDecl *> &Patterns;
  llvm::DenseMap<const FunctionDecl *, std::vector<const FunctionDecl *>> &Out;
};

/// Finds, in an instantiated body, the defer statement whose marker is at
/// \p Marker (instantiation keeps source locations).
class SiteInInstance : public RecursiveASTVisitor<SiteInInstance> {
public:
  explicit SiteInInstance(SourceLocation Marker) : Marker(Marker) {}

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (const BinaryOperator *Expansion = asDeferExpansion(BO))
      if (markerOf(Expansion)->getBeginLoc() == Marker)
        Found = Expansion;
    return !Found;
  }

  SourceLocation Marker;
  const BinaryOperator *Found = nullptr;
};

} // namespace

InstantiationIndex::InstantiationIndex(
    ASTContext &Ctx, llvm::ArrayRef<const FunctionDecl *> Patterns,
    const SystemCode &System) {
  llvm::DenseSet<const FunctionDecl *> Templated;
  for (const FunctionDecl *FD : Patterns)
    if (FD->isTemplated())
      Templated.insert(FD->getCanonicalDecl());
  if (Templated.empty())
    return;
  InstantiationFinder(System, Templated, ByPattern).TraverseAST(Ctx);
}

llvm::ArrayRef<const FunctionDecl *>
InstantiationIndex::of(const FunctionDecl *Pattern) const {
  auto It = ByPattern.find(Pattern->getCanonicalDecl());
  if (It == ByPattern.end())
    return {};
  return It->second;
}

bool planInstantiations(const DeferSite &Site, const DeferFunction &F,
                        const InstantiationIndex &Index, ASTContext &Ctx,
                        CallPlan &Plan, std::vector<Finding> &Findings) {
  assert(Plan.PerInstantiation && "only a dependent call has a table");
  SourceLocation Where =
      Ctx.getSourceManager().getFileLoc(Site.Marker->getBeginLoc());
  for (const FunctionDecl *Instance : Index.of(F.Function)) {
    SiteInInstance Finder(Site.Marker->getBeginLoc());
    Finder.TraverseStmt(const_cast<Stmt *>(Instance->getBody()));
    if (!Finder.Found)
      continue; // an instantiation whose body did not keep the statement
    const Expr *Call = userCallOf(Finder.Found);
    if (!Call)
      continue;
    InstantiationPlan Entry;
    if (!planInstantiation(Call, Plan, Ctx, Where, Entry, Findings))
      return false;
    // Two instantiations with the same operand types bind them the same
    // way (the same overload resolution); keep one entry per key.
    bool Seen = false;
    for (const InstantiationPlan &Other : Plan.Instantiations)
      Seen |= Other.KeyTypes == Entry.KeyTypes;
    if (!Seen)
      Plan.Instantiations.push_back(std::move(Entry));
  }
  return true;
}

} // namespace cxxdefer
