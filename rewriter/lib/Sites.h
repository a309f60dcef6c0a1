//===- Sites.h - What FindSites records about a function --------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The facts of one function-like body that defers, as FindSites.cpp reads
/// them off the AST: its defer statements, its control flow as Go's
/// classification sees it (loops, gotos, returns), and its uses of
/// `__result`. Everything later (Classify, PlanCall, PlanResult, Analyze)
/// starts from these records and never walks the body again.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_SITES_H
#define CXXDEFER_LIB_SITES_H

#include "cxxdefer/Rewrite.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include <vector>

namespace cxxdefer {

/// One `__defer(call);` or `__errdefer(call);` statement.
struct DeferSite {
  /// The parse-only expansion's marker call (cxxdefer/parse_only.h).
  const clang::CallExpr *Marker = nullptr;
  /// The whole expansion: the comma of marker and lambda.
  const clang::Expr *Expansion = nullptr;
  /// The user's call expression, as parsed inside the marker lambda.
  const clang::Expr *Call = nullptr;
  bool Err = false;
  /// The invocation `__defer(...)`: the macro's name and its `)`. They are
  /// file locations, or locations inside the argument of an outer
  /// `__defer`, or inside a user macro.
  clang::SourceLocation InvocationBegin, InvocationEnd;
  /// The first and last token of the expansion, as the parser saw them.
  clang::SourceLocation ExpansionBegin, ExpansionEnd;
  /// The `;` that ends the statement.
  clang::SourceLocation Semicolon;
  /// Index in the function body of the top-level statement that contains
  /// this site.
  unsigned TopLevelIndex = 0;
  /// The defer statement is itself a top-level statement of the body.
  bool TopLevel = false;
  /// Go's looping rule: in a loop body, or after a label that a later goto
  /// jumps back to (to the end of the label's block); and, since C++ can
  /// jump into a block, anywhere between such a label and such a goto.
  bool InLoop = false;
};

/// A `return` statement and the `;` that ends it.
struct ReturnSite {
  const clang::ReturnStmt *Return = nullptr;
  clang::SourceLocation Semicolon;
};

/// A `co_return` statement of a coroutine's body.
struct CoReturnSite {
  const clang::CoreturnStmt *CoReturn = nullptr;
  clang::SourceLocation Semicolon;
};

/// One function-like body that contains defer statements: a function,
/// constructor, destructor, lambda or a member of a local class.
struct DeferFunction {
  /// The FunctionDecl (for lambdas: the closure's call operator).
  const clang::FunctionDecl *Function = nullptr;
  /// The block whose top-level statements the slots interleave with (for a
  /// function-try-block: the try block; for a coroutine: its body).
  const clang::CompoundStmt *Body = nullptr;
  bool Coroutine = false;
  std::vector<DeferSite> Sites;
  /// Explicit return statements of this body (not of nested lambdas);
  /// their number is Go's NumReturns.
  std::vector<ReturnSite> Returns;
  /// The `co_return` statements of a coroutine's body (not of nested
  /// lambdas).
  std::vector<CoReturnSite> CoReturns;
  /// References to `__result` that name this function's result (also from
  /// closures inside it that have no defer statement of their own).
  std::vector<const clang::DeclRefExpr *> ResultRefs;
  /// Gotos that leave their top-level statement, as (top-level index of
  /// the goto, of its label); forward and backward.
  std::vector<std::pair<unsigned, unsigned>> Jumps;
  /// The function is constexpr after the rewrite too: C++20 and a written
  /// `constexpr` or `consteval` (a lambda that is only implicitly
  /// constexpr stops being eligible, and C++14/17 lose the keyword).
  bool StaysConstexpr = false;
  /// Under C++14 and 17, the `constexpr` keywords of the function's
  /// declarations (which the rewrite turns into `inline`).
  std::vector<clang::SourceLocation> ConstexprKeywords;
  /// Errors that keep the whole body from being rewritten (a computed
  /// goto...).
  std::vector<Finding> Errors;
};

} // namespace cxxdefer

#endif // CXXDEFER_LIB_SITES_H
