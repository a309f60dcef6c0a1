//===- NamedResult.cpp - __result and what a handler returns after recover ===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "NamedResult.h"
#include "CapturePlan.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace cxxdefer {

/// The function's result type as the body can spell it, or a null type when
/// it cannot: deduced inside a template, or a closure or unnamed class.
static QualType spellableResultType(const FunctionDecl *FD) {
  QualType T = FD->getReturnType();
  if (const auto *Auto = T->getAs<AutoType>()) {
    if (!Auto->isDeduced() || Auto->isDependentType())
      return QualType();
    T = Auto->getDeducedType();
  } else if (T->getContainedDeducedType()) {
    if (T->isDependentType())
      return QualType();
    T = T.getCanonicalType();
  }
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    if (RD->isLambda() || !RD->getIdentifier())
      return QualType();
  return T;
}

/// Why `__result` cannot name a value of type \p T; empty if it can.
static std::string whyNotNameable(QualType T, const ASTContext &Ctx) {
  if (T->isReferenceType())
    return "its result type '" + T.getAsString(Ctx.getPrintingPolicy()) +
           "' is a reference, which cannot be default-constructed";
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    if (RD->hasDefinition() && !RD->hasDefaultConstructor())
      return "its result type '" + T.getAsString(Ctx.getPrintingPolicy()) +
             "' is not default-constructible";
  return "";
}

bool planResult(DeferFunction &F, ASTContext &Ctx,
                std::vector<Finding> &Findings) {
  ResultPlan &Plan = F.Result;
  const FunctionDecl *FD = F.Function;
  auto misuse = [&](const std::string &Why) {
    for (const DeclRefExpr *Ref : F.ResultRefs)
      Findings.push_back({FindingLevel::Error,
                          Ctx.getSourceManager().getFileLoc(
                              Ref->getBeginLoc()),
                          "'__result' cannot be used here: " + Why});
    return false;
  };

  if (isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD) ||
      FD->getReturnType()->isVoidType()) {
    Plan.CanRecover = "true";
    Plan.AfterRecovery = "return;";
    if (!F.ResultRefs.empty())
      return misuse(isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD)
                        ? "a constructor or destructor has no result"
                        : "the function returns void");
    return true;
  }

  QualType T = spellableResultType(FD);
  if (T.isNull()) {
    Plan.CanRecover = "false";
    if (!F.ResultRefs.empty())
      return misuse("its result type cannot be named in its body (it is "
                    "deduced in a template, or a closure or unnamed type)");
    return true;
  }
  Plan.Type = spellType(T, Ctx);

  if (!F.ResultRefs.empty()) {
    std::string Why = whyNotNameable(T, Ctx);
    if (!Why.empty())
      return misuse(Why);
    Plan.Named = true;
    Plan.CanRecover = "true";
    Plan.AfterRecovery = "goto cxxdefer_return;";
    Plan.FinalReturn = "return cxxdefer_result;";
    return true;
  }
  std::string Recovery = "::cxxdefer::detail::recovery<" + Plan.Type + ">";
  Plan.CanRecover = Recovery + "::possible";
  Plan.AfterRecovery = "goto cxxdefer_return;";
  Plan.FinalReturn = "return " + Recovery + "::value();";
  return true;
}

} // namespace cxxdefer
