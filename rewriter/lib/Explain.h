//===- Explain.h - What a defer statement evaluates, in words ---*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Go's users most often misread what a defer statement captures: that
/// `defer fmt.Println(i)` prints the value `i` had at the statement, that a
/// closure sees its variables as they are at exit. The rewriter knows
/// exactly how each operand travels to the call (the CallPlan), so it can
/// say it, in one remark per defer statement (-Rpass-analysis=defer,
/// `cxxdefer --explain`): "`x` copied now (int)", "`m` bound by reference",
/// "closure captures `i` by reference (ends with its block, before the
/// call)". This stage only reads a finished plan; it decides nothing.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_EXPLAIN_H
#define CXXDEFER_LIB_EXPLAIN_H

#include "Plan.h"
#include "Sites.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace cxxdefer {

/// The explanation of \p Plan, the plan of a call in \p F whose operands
/// are \p OperandExprs (planCall's).
std::string explainCall(const CallPlan &Plan,
                        const std::vector<const clang::Expr *> &OperandExprs,
                        const DeferFunction &F, clang::ASTContext &Ctx);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_EXPLAIN_H
