//===- DeferSite.h - Data passed between the rewriter's stages ------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Plain data, no behaviour. The rewriter is a pipeline of four stages,
/// each a function from one of these records to a richer one:
///
///   findSites     AST            -> DeferFunction (sites, exits, labels)
///   classify      DeferFunction  -> DeferClass and slot placement per site
///   planCaptures  DeferSite      -> CapturePlan (what is evaluated now)
///   emit          DeferFunction  -> tooling::Replacements
///
/// Only emit produces text, and only from these records plus source ranges.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITER_DEFERSITE_H
#define CXXDEFER_REWRITER_DEFERSITE_H

#include "RewriteTranslationUnit.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include <string>
#include <vector>

namespace cxxdefer {

/// How one operand of the deferred call travels from the defer statement to
/// the call at exit. Chosen per operand from the parameter it initialises
/// (SPEC 2.3: "as if the call happened there").
enum class Binding {
  /// A reference parameter bound directly to an existing object: keep a
  /// pointer to that object (`ref(x)`).
  Reference,
  /// A by-value parameter, or a temporary bound to a reference parameter:
  /// keep a copy made now (`val(x)`).
  Value,
  /// Like Value, but the operand is converted to ConvertTo now, because the
  /// conversion runs user code (a converting constructor, slicing, a braced
  /// list) whose timing is observable (`as<T>(x)`).
  ValueConverted,
  /// A bit-field read now into a prvalue of its declared type
  /// (`val(static_cast<T>(x))`): references cannot bind to bit-fields.
  BitField,
  /// The object of `sp->f()` where `sp` is a class with operator->: call
  /// operator-> now and keep the pointer it returns (`arrow(sp)`).
  Arrow,
};

/// One operand that is evaluated at the defer statement and kept.
struct Operand {
  const clang::Expr *E = nullptr;
  /// Where its text is, in a file (never inside a macro expansion).
  clang::CharSourceRange Range;
  Binding How = Binding::Value;
  /// For ValueConverted and BitField: the type to convert to, printed
  /// fully qualified.
  std::string ConvertTo;
};

/// The syntactic kind of the deferred call, which decides how the callee
/// is kept and how the call is spelled at exit.
enum class CallShape {
  /// `g(a)`, `ns::g<T>(a)`: the callee is a name; its text moves into a
  /// forwarding lambda so overload resolution happens as written.
  NamedFunction,
  /// `obj.f(a)`, `p->f(a)`, `sp->f(a)`: the object is an operand; the member
  /// text (`.f`, `->template g<T>`) moves into a forwarding lambda.
  Member,
  /// `f(a)` meaning `this->f(a)`: `this` is kept by value.
  ImplicitThisMember,
  /// `fp(a)`, `functor(a)`, `[&]{...}()`: the callee is itself an operand.
  CalleeValue,
  /// `(o.*pm)(a)` / `(p->*pm)(a)`: object and member pointer are operands.
  PointerToMember,
  /// `a += b`, `!x`, `v[i]` through an overloaded operator: every operand
  /// is kept and the operator is spelled again at exit.
  Operator,
};

/// What classify decides for a site's storage.
enum class SlotKind {
  /// Declared at the defer statement itself, already armed: a typed local
  /// in the function's outermost block. Needs no deferBits bit.
  AtStatement,
  /// Declared unarmed at an earlier top-level position of the function
  /// body (the site is in a nested block, a switch, or a forward goto jumps
  /// over it) and armed by the defer statement, which sets its bit.
  Hoisted,
};

/// Everything the emitter needs to spell one deferred call.
struct CapturePlan {
  CallShape Shape = CallShape::NamedFunction;
  /// Kept operands in source order. For Member and PointerToMember the
  /// first is the object; for CalleeValue the first is the callee; for
  /// PointerToMember the second is the member pointer.
  std::vector<Operand> Operands;
  /// Text kept verbatim between operands that the call at exit re-spells:
  /// the callee name (NamedFunction, ImplicitThisMember) or the member
  /// access (`.f`, `->f` for Member). Empty range otherwise.
  clang::CharSourceRange CalleeText;
  /// Member and ImplicitThisMember: where to insert `template ` so that
  /// explicit template arguments still parse when the object expression
  /// has become dependent (it is a generic lambda's parameter at exit).
  /// Invalid when not needed.
  clang::SourceLocation TemplateKeywordAt;
  /// Member: the access is `->` (the object operand is a pointer-like).
  bool Arrow = false;
  /// Operator: the C++ spelling and arity of the operator.
  clang::OverloadedOperatorKind Op = clang::OO_None;
};

/// How a function returns its result and what its handlers do after a
/// recovery (SPEC 2.6, 3.2).
struct ResultPlan {
  /// The function uses `__result`: it gets a local of type Type, its
  /// return statements assign it and jump to the final `return`.
  bool Named = false;
  /// The result type as it can be spelled in the body (Named, or when a
  /// recovery returns a value-initialised result).
  std::string Type;
  /// The handlers' recover argument: `true`, `false`, or an expression
  /// that is true when Type is default-constructible.
  std::string CanRecover = "false";
  /// The statement a handler runs after a recovery (`return;` or a goto to
  /// FinalReturn); empty when the function cannot recover.
  std::string AfterRecovery;
  /// When not empty, the body is wrapped in a block followed by the label
  /// `cxxdefer_return:` and this statement (returning the named result, or
  /// a value-initialised one after a recovery). Outside the block, it is
  /// out of the scope of every local, so NRVO of the user's own return
  /// statements is kept.
  std::string FinalReturn;
};

/// One `__defer(call);` statement.
struct DeferSite {
  /// The parse-only expansion's marker call (cxxdefer/parse_only.h).
  const clang::CallExpr *Marker = nullptr;
  /// The user's call expression, as parsed inside the marker lambda.
  const clang::Expr *Call = nullptr;
  /// File range from `__defer` through the terminating `;`.
  clang::SourceRange Statement;
  /// Index in the function body of the top-level statement that contains
  /// this site.
  unsigned TopLevelIndex = 0;
  /// The defer statement is itself a top-level statement of the body.
  bool TopLevel = false;
  /// Go's looping rule: in a loop body, or after a label that a later goto
  /// jumps back to (to the end of the label's block); and, since C++ can
  /// jump into a block, anywhere between such a label and such a goto.
  bool InLoop = false;

  // Filled by classify.
  DeferClass Class = DeferClass::OpenCoded;
  /// Why the site is not open-coded, in Go's words; empty when it is.
  std::string Reason;
  SlotKind Slot = SlotKind::AtStatement;
  /// For Hoisted slots: the top-level index before which the slot is
  /// declared, and its bit in deferBits.
  unsigned SlotIndex = 0;
  unsigned Bit = 0;

  // Filled by planCaptures.
  CapturePlan Plan;
};

/// One function-like body that contains defer statements: a function,
/// constructor, destructor, lambda or a member of a local class.
struct DeferFunction {
  /// The FunctionDecl (for lambdas: the closure's call operator).
  const clang::FunctionDecl *Function = nullptr;
  /// The block whose top-level statements the slots interleave with (for a
  /// function-try-block: the try block).
  const clang::CompoundStmt *Body = nullptr;
  std::vector<DeferSite> Sites;
  /// Explicit return statements of this body (not of nested lambdas); their
  /// number is Go's NumReturns.
  std::vector<const clang::ReturnStmt *> ReturnStatements;
  /// References to `__result` that name this function's result (also from
  /// closures inside it that have no defer statement of their own).
  std::vector<const clang::DeclRefExpr *> ResultRefs;
  /// Filled by planResult (NamedResult.h).
  ResultPlan Result;
  /// Gotos that leave their top-level statement, as (top-level index of
  /// the goto, of its label); forward and backward.
  std::vector<std::pair<unsigned, unsigned>> Jumps;
  /// Why this body cannot be rewritten at all (coroutine, computed goto...);
  /// empty when it can. Reported at ProblemLoc.
  std::string Problem;
  clang::SourceLocation ProblemLoc;
};

} // namespace cxxdefer

#endif // CXXDEFER_REWRITER_DEFERSITE_H
