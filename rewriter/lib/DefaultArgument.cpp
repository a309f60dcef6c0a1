//===- DefaultArgument.cpp - Spelling a default argument elsewhere --------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "DefaultArgument.h"
#include "SpellType.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace cxxdefer {

namespace {

class Speller {
public:
  Speller(const ASTContext &Ctx, std::string &WhyNot)
      : Ctx(Ctx), WhyNot(WhyNot) {}

  bool spell(const Expr *E, std::string &Out);

private:
  const ASTContext &Ctx;
  std::string &WhyNot;

  bool fail(std::string Why) {
    if (WhyNot.empty())
      WhyNot = std::move(Why);
    return false;
  }

  bool name(const NamedDecl *D, const DeclRefExpr *Ref, std::string &Out);
  bool list(llvm::ArrayRef<const Expr *> Args, std::string &Out);
};

} // namespace

bool Speller::list(llvm::ArrayRef<const Expr *> Args, std::string &Out) {
  bool First = true;
  for (const Expr *Arg : Args) {
    if (isa<CXXDefaultArgExpr>(Arg))
      break;
    if (!First)
      Out += ", ";
    First = false;
    if (!spell(Arg, Out))
      return false;
  }
  return true;
}

bool Speller::name(const NamedDecl *D, const DeclRefExpr *Ref,
                   std::string &Out) {
  if (D->getAccess() == AS_private || D->getAccess() == AS_protected)
    return fail(
        "it names the " +
        std::string(D->getAccess() == AS_private ? "private" : "protected") +
        " member '" + D->getNameAsString() + "'");
  const DeclContext *DC = D->getDeclContext();
  if (DC->isFunctionOrMethod())
    return fail("it names '" + D->getNameAsString() +
                "', which is local to a function");
  std::string Qualified;
  llvm::raw_string_ostream OS(Qualified);
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true; // anonymous and inline namespaces
  D->printQualifiedName(OS, Policy);
  OS.flush();
  if (Qualified.find("(anonymous") != std::string::npos ||
      Qualified.find("(lambda") != std::string::npos)
    return fail("it names '" + D->getNameAsString() +
                "', which has no name outside its scope");
  Out += (isa<EnumConstantDecl>(D) &&
                  !cast<EnumConstantDecl>(D)->getType()->isScopedEnumeralType()
              ? "::"
              : "::") +
         Qualified;
  if (Ref && Ref->hasExplicitTemplateArgs()) {
    Out += '<';
    for (unsigned I = 0; I < Ref->getNumTemplateArgs(); ++I) {
      if (I)
        Out += ", ";
      std::string Arg;
      llvm::raw_string_ostream ArgOS(Arg);
      Ref->getTemplateArgs()[I].getArgument().print(Policy, ArgOS,
                                                    /*IncludeType=*/false);
      Out += ArgOS.str();
    }
    Out += '>';
  }
  return true;
}

bool Speller::spell(const Expr *E, std::string &Out) {
  E = E->IgnoreParens();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    return spell(Cleanups->getSubExpr(), Out);
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    return spell(Temp->getSubExpr(), Out);
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    return spell(Bind->getSubExpr(), Out);
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
    return spell(Cast->getSubExpr(), Out);

  if (isa<IntegerLiteral>(E) || isa<FloatingLiteral>(E) ||
      isa<CharacterLiteral>(E) || isa<StringLiteral>(E) ||
      isa<CXXBoolLiteralExpr>(E) || isa<CXXNullPtrLiteralExpr>(E) ||
      isa<GNUNullExpr>(E) || isa<SourceLocExpr>(E)) {
    llvm::raw_string_ostream OS(Out);
    E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
    return true;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return name(Ref->getDecl(), Ref, Out);
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    // Only static members, named through the class.
    if (isa<VarDecl>(Member->getMemberDecl()) ||
        (isa<CXXMethodDecl>(Member->getMemberDecl()) &&
         cast<CXXMethodDecl>(Member->getMemberDecl())->isStatic()))
      return name(Member->getMemberDecl(), nullptr, Out);
    return fail("it uses a member of an object");
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call))
      return fail("it calls a member function or an operator");
    if (!spell(Call->getCallee(), Out))
      return false;
    Out += '(';
    llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
    if (!list(Args, Out))
      return false;
    Out += ')';
    return true;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->isPostfix()) {
      if (!spell(Unary->getSubExpr(), Out))
        return false;
      Out += UnaryOperator::getOpcodeStr(Unary->getOpcode());
      return true;
    }
    Out += UnaryOperator::getOpcodeStr(Unary->getOpcode());
    Out += '(';
    if (!spell(Unary->getSubExpr(), Out))
      return false;
    Out += ')';
    return true;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    Out += '(';
    if (!spell(Binary->getLHS(), Out))
      return false;
    Out += ' ';
    Out += Binary->getOpcodeStr();
    Out += ' ';
    if (!spell(Binary->getRHS(), Out))
      return false;
    Out += ')';
    return true;
  }
  if (const auto *Cond = dyn_cast<ConditionalOperator>(E)) {
    Out += '(';
    if (!spell(Cond->getCond(), Out))
      return false;
    Out += " ? ";
    if (!spell(Cond->getTrueExpr(), Out))
      return false;
    Out += " : ";
    if (!spell(Cond->getFalseExpr(), Out))
      return false;
    Out += ')';
    return true;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
    if (isa<CXXFunctionalCastExpr>(Cast) || isa<CStyleCastExpr>(Cast) ||
        isa<CXXStaticCastExpr>(Cast)) {
      Out += "static_cast<" + spellType(Cast->getType(), Ctx) + ">(";
      if (!spell(Cast->getSubExpr(), Out))
        return false;
      Out += ')';
      return true;
    }
    return fail("it uses a cast cxxdefer cannot copy");
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    std::string Type = spellType(Construct->getType(), Ctx);
    if (!isSpellable(Type))
      return fail("its type cannot be named here");
    Out += Type;
    bool Braced = Construct->isListInitialization();
    Out += Braced ? '{' : '(';
    llvm::SmallVector<const Expr *, 4> Args(Construct->arguments());
    if (!list(Args, Out))
      return false;
    Out += Braced ? '}' : ')';
    return true;
  }
  if (const auto *Init = dyn_cast<InitListExpr>(E)) {
    std::string Type = spellType(Init->getType(), Ctx);
    if (!isSpellable(Type))
      return fail("its type cannot be named here");
    Out += Type + "{";
    llvm::SmallVector<const Expr *, 4> Args(Init->inits());
    if (!list(Args, Out))
      return false;
    Out += '}';
    return true;
  }
  if (isa<CXXScalarValueInitExpr>(E) || isa<ImplicitValueInitExpr>(E)) {
    std::string Type = spellType(E->getType(), Ctx);
    if (!isSpellable(Type))
      return fail("its type cannot be named here");
    Out += Type + "()";
    return true;
  }
  return fail("it uses a '" + std::string(E->getStmtClassName()) +
              "', which cxxdefer cannot copy");
}

bool mustEvaluateEarly(const Expr *E, const ASTContext &Ctx) {
  if (E->HasSideEffects(Ctx, /*IncludePossibleEffects=*/true))
    return true;
  // std::source_location::current() and the built-ins behind it answer
  // where they are evaluated.
  struct FindsSourceLocation : RecursiveASTVisitor<FindsSourceLocation> {
    bool Found = false;
    bool VisitSourceLocExpr(SourceLocExpr *) {
      Found = true;
      return false;
    }
  } Finder;
  Finder.TraverseStmt(const_cast<Expr *>(E));
  return Finder.Found;
}

std::optional<std::string> spellDefaultArgument(const Expr *E,
                                                const ASTContext &Ctx,
                                                std::string &WhyNot) {
  std::string Out;
  if (!Speller(Ctx, WhyNot).spell(E, Out))
    return std::nullopt;
  return Out;
}

} // namespace cxxdefer
