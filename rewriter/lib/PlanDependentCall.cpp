//===- PlanDependentCall.cpp - A call in a template, per instantiation ----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A template's body is rewritten once, as written, but every
/// instantiation initialises its own parameters (SPEC 2.3, 2.8): in
/// `show(x)`, x is kept by value where `show(int)` is chosen and by
/// reference where `show(const Big &)` is. Deciding once, on the pattern,
/// would be wrong for some instantiation; so the planner decides for every
/// instantiation the translation unit makes (Instantiations.h finds them)
/// and the printer writes a table that picks the binding by the operands'
/// exact types at compile time (cxxdefer/call.h).
///
/// Two steps:
///
///   - markPerInstantiation, on the pattern: which operands need the
///     table. An operand whose binding rule does not look at a parameter
///     type binds the same everywhere - a closure (a prvalue, by value),
///     the object of `obj.f()` on a named variable (an lvalue, by
///     reference), a callee or object whose type does not depend. The
///     others are kept as thunks that the table's entry binds.
///   - planInstantiation, on each instantiated call: the ordinary planner
///     runs on it (its types are known), and its bindings become an entry
///     keyed by `decltype((operand))` of each operand that needs one.
///
/// What the table cannot express is an error at the defer statement: a
/// default argument that appears only in an instantiation, a braced
/// argument (no type before instantiation), an operand type that cannot be
/// named.
///
//===----------------------------------------------------------------------===//

#include "CallPlanner.h"
#include "DefaultArgument.h"
#include "PlanCall.h"
#include "SpellType.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLExtras.h"
#include <cassert>

using namespace clang;

namespace cxxdefer {

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

void markPerInstantiation(CallPlan &Plan,
                          llvm::ArrayRef<const Expr *> OperandExprs) {
  assert(OperandExprs.size() == Plan.Operands.size() &&
         "one expression per operand");
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
    const Expr *E = OperandExprs[I]->IgnoreParenImpCasts();
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

/// How the user would name a call of shape \p S.
static const char *describe(CallShape S) {
  switch (S) {
  case CallShape::NamedFunction:
    return "a call of a named function";
  case CallShape::Member:
    return "a member call on an object";
  case CallShape::ImplicitThisMember:
    return "a member call on 'this'";
  case CallShape::CalleeValue:
    return "a call through a function value";
  case CallShape::PointerToMember:
    return "a call through a member pointer";
  case CallShape::Operator:
    return "an operator call";
  }
  llvm_unreachable("unknown CallShape");
}

/// The parameter whose default argument \p Call, an instantiated call,
/// evaluates at the defer statement (the first one); empty if none.
static std::string defaultedParameter(const Expr *Call, ASTContext &Ctx) {
  const auto *C = dyn_cast<CallExpr>(Call);
  if (!C)
    return "";
  for (const Expr *Arg : C->arguments())
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Arg))
      if (mustEvaluateEarly(Default->getExpr(), Ctx))
        return Default->getParam()->getNameAsString();
  return "";
}

bool planInstantiation(const Expr *Call, const CallPlan &Pattern,
                       ASTContext &Ctx, SourceLocation Where,
                       InstantiationPlan &Out, std::vector<Finding> &Findings) {
  CallPlan Plan;
  CallPlanner P(nullptr, Ctx, Plan, Findings, Where);
  if (!P.run(Call))
    return false;
  if (Plan.Shape != Pattern.Shape) {
    // `T::f(1)` names a static member in one instantiation and a member
    // called on `this` in another: the rewritten text cannot be both.
    Findings.push_back({DiagId::DependentCallShape,
                        Where,
                        {describe(Pattern.Shape), describe(Plan.Shape)}});
    return false;
  }
  if (Plan.Operands.size() != Pattern.Operands.size()) {
    // Only a default argument can add an operand in an instantiation.
    std::string Parm = defaultedParameter(Call, Ctx);
    if (Parm.empty())
      Findings.push_back({DiagId::InternalError,
                          Where,
                          {"an instantiation keeps another number of "
                           "operands than its template"}});
    else
      Findings.push_back({DiagId::DependentDefaultArgument, Where, {Parm}});
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
      Findings.push_back({DiagId::DependentDefaultArgument,
                          Where,
                          {defaultedParameter(Call, Ctx)}});
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
  assert(Out.KeyTypes.size() ==
             Pattern.Operands.size() +
                 (Pattern.Shape == CallShape::ImplicitThisMember ? 1 : 0) &&
         "one key per kept operand");
  return true;
}

} // namespace cxxdefer
