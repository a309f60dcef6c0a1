//===- PlanInvariants.h - What printing assumes of a plan -------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The printer (Print.h) trusts its plan: it indexes frames and top-level
/// statements by the numbers the plan holds, spells the types and names it
/// finds, and cuts the statement's text at the operands' offsets. A plan
/// that breaks one of those assumptions would print C++ that fails to
/// compile with a message about cxxdefer's own names, or worse, compiles
/// to something else. Such a plan is a bug in analysis, never the user's
/// doing; so before a function's plan goes to the printer, Analyze.cpp
/// checks it here - in every build, not only under assert - and a broken
/// one becomes an "internal error, please report" finding at the function's
/// first defer statement, with the function left as written.
///
/// The checks are structural and cheap: every index in range, every field
/// the printer spells set, every placed position inside its text, the
/// operands of a statement in order inside it, one class for the whole
/// function, one table entry per kept operand.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_PLANINVARIANTS_H
#define CXXDEFER_LIB_PLANINVARIANTS_H

#include "Plan.h"
#include <string>

namespace cxxdefer {

/// The first assumption of the printer that \p F, a placed plan of a
/// function of \p File, breaks, in a few words for the internal-error
/// finding; empty if none. \p File's Original and Regions must be set.
std::string brokenInvariant(const FunctionPlan &F, const FilePlan &File);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_PLANINVARIANTS_H
