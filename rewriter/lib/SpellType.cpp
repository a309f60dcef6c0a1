//===- SpellType.cpp - Types spelled for another place --------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "SpellType.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/QualTypeNames.h"

using namespace clang;

namespace cxxdefer {

/// Clang's printing policy for a fully qualified spelling.
static PrintingPolicy qualifiedPolicy(const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressScope = false;
  Policy.FullyQualifiedName = true;
  return Policy;
}

std::string spellType(QualType T, const ASTContext &Ctx) {
  return TypeName::getFullyQualifiedName(T.getUnqualifiedType(), Ctx,
                                         qualifiedPolicy(Ctx),
                                         /*WithGlobalNsPrefix=*/true);
}

std::string spellExactType(QualType T, const ASTContext &Ctx) {
  return TypeName::getFullyQualifiedName(T, Ctx, qualifiedPolicy(Ctx),
                                         /*WithGlobalNsPrefix=*/true);
}

bool isSpellable(llvm::StringRef Spelled) {
  return !Spelled.contains("(lambda") && !Spelled.contains("(anonymous") &&
         !Spelled.contains("(unnamed");
}

} // namespace cxxdefer
