//===- Explain.cpp - What a defer statement evaluates, in words -----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Explain.h"
#include "PlanCall.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace cxxdefer {

namespace {

/// Spells expressions and types for the explanation.
class Explainer {
public:
  Explainer(const DeferFunction &F, ASTContext &Ctx)
      : F(F), Ctx(Ctx), SM(Ctx.getSourceManager()) {}

  /// The user's text of \p E, in backquotes, shortened when long.
  std::string text(const Expr *E) const { return text(E->getSourceRange()); }
  std::string text(SourceRange R) const {
    CharSourceRange Range = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(R), SM, Ctx.getLangOpts());
    std::string Text =
        Range.isValid()
            ? Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str()
            : std::string("the operand");
    std::replace(Text.begin(), Text.end(), '\n', ' ');
    if (Text.size() > 40)
      Text = Text.substr(0, 37) + "...";
    return "`" + Text + "`";
  }

  /// A type the plan spells for code (fully qualified), for reading.
  static std::string shown(llvm::StringRef Type) {
    std::string Out;
    for (size_t I = 0; I < Type.size(); ++I)
      if (!(Type.substr(I).starts_with("::") &&
            (I == 0 || !(llvm::isAlnum(Type[I - 1]) || Type[I - 1] == '_'))))
        Out += Type[I];
      else
        ++I;
    return Out;
  }

  std::string type(const Expr *E) const {
    return E->getType().getNonReferenceType().getUnqualifiedType().getAsString(
        Ctx.getPrintingPolicy());
  }

  /// How a closure's captures reach the call.
  std::string closure(const LambdaExpr *Lambda) const {
    std::vector<std::string> Parts;
    for (const LambdaCapture &C : Lambda->captures()) {
      if (C.capturesThis()) {
        Parts.push_back(C.getCaptureKind() == LCK_StarThis
                            ? "`*this` copied now"
                            : "`this` copied now");
        continue;
      }
      if (!C.capturesVariable())
        continue;
      const auto *Var = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!Var)
        continue;
      std::string Name = "`" + Var->getNameAsString() + "`";
      if (C.getCaptureKind() == LCK_ByCopy) {
        Parts.push_back(Name + " copied now (" +
                        Var->getType().getNonReferenceType().getAsString(
                            Ctx.getPrintingPolicy()) +
                        ")");
        continue;
      }
      std::string Part = Name + " by reference (the call sees it as it is at "
                                "exit)";
      if (isNestedLocal(Var, F, SM))
        Part = Name + " by reference (ends with its block, before the call)";
      Parts.push_back(Part);
    }
    if (Parts.empty())
      return "the closure, which captures nothing";
    return "the closure, capturing " + llvm::join(Parts, ", ");
  }

  /// One operand.
  std::string operand(const OperandPlan &Op, const Expr *E) const {
    if (Op.isDefaultArgument())
      return "default argument `" + Op.DefaultArgument + "` evaluated now";
    const Expr *Written = E->IgnoreUnlessSpelledInSource();
    if (Op.PerInstantiation)
      return text(E) + " kept as each instantiation's parameter asks";
    switch (Op.How) {
    case Keep::Reference:
      return text(E) + " bound by reference (the call sees it as it is at "
                       "exit)";
    case Keep::Value:
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Written))
        return closure(Lambda);
      if (Written->getType()->isArrayType())
        // val() keeps what the parameter receives: the decayed pointer.
        return text(E) + "'s address kept now (" +
               Ctx.getDecayedType(Written->getType())
                   .getAsString(Ctx.getPrintingPolicy()) +
               "): its elements are read at exit";
      return text(E) +
             (Written->isPRValue() ? " evaluated now, kept ("
                                   : " copied now (") +
             type(Written) + ")";
    case Keep::Conversion:
      return text(E) + " converted now to " + shown(Op.Type) +
             ", kept until the call";
    case Keep::InPlace:
      return text(E) + " built now, in place (" + shown(Op.Type) + ")";
    case Keep::InitializerList:
      return text(E) + " kept element by element (" + shown(Op.Type) + ")";
    case Keep::BitField:
      return "bit-field " + text(E) + " read now (" + shown(Op.Type) + ")";
    case Keep::Arrow:
      return text(E) + "'s operator-> called now";
    case Keep::Spelled:
      return "the literal " + text(E) + " (nothing to evaluate)";
    }
    llvm_unreachable("unknown Keep");
  }

private:
  const DeferFunction &F;
  ASTContext &Ctx;
  const SourceManager &SM;
};

} // namespace

std::string explainCall(const CallPlan &Plan,
                        const std::vector<const Expr *> &OperandExprs,
                        const DeferFunction &F, ASTContext &Ctx) {
  assert(OperandExprs.size() == Plan.Operands.size());
  Explainer E(F, Ctx);
  std::vector<std::string> Parts;
  switch (Plan.Shape) {
  case CallShape::NamedFunction:
    Parts.push_back(E.text(SourceRange(Plan.CalleeText.Begin.Token,
                                       Plan.CalleeText.End.Token)) +
                    " named again at exit");
    break;
  case CallShape::ImplicitThisMember:
    Parts.push_back("`this` copied now");
    break;
  default:
    break;
  }
  for (size_t I = 0; I < Plan.Operands.size(); ++I)
    Parts.push_back(E.operand(Plan.Operands[I], OperandExprs[I]));
  if (Parts.empty())
    return "nothing is evaluated at the defer statement";
  return "at the defer statement: " + llvm::join(Parts, "; ");
}

} // namespace cxxdefer
