//===- Classify.h - Go's open-coded / stack / heap decision ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Stage 2 of the pipeline: give every defer statement its implementation
/// class with exactly the rules of Go's compiler (SPEC 4;
/// shared/notes/go-defer-tests.md section 2):
///
///   - a defer statement in a loop (a loop body, or after a label that a
///     later goto jumps back to) is heap-allocated, and stops the whole
///     function from being open-coded;
///   - otherwise the function is open-coded, all or nothing, when it has at
///     most MaxOpenCodedDefers defer statements and
///     returns x defers <= MaxReturnsTimesDefers (explicit returns of this
///     body only; a throw is not a return);
///   - otherwise its defer statements are stack-allocated.
///
/// It also decides where each defer statement's calls run. The place is a
/// local of the function's outermost block, so that it is destroyed at
/// function exit and in the right order with the other locals (SPEC 2.5):
/// an open-coded slot, or for the other tiers a defer_frame (and the stack
/// record), cxxdefer/chain.h. A defer statement that is itself a top-level
/// statement declares its slot in place. One in a nested block, an `if`, a
/// `switch` case, or one that a goto jumps over, gets a slot declared
/// unarmed before the top-level statement (or the first statement the jump
/// touches) and armed by the defer statement, which for open-coded slots
/// sets the slot's bit in the function's deferBits byte - Go's open-coded
/// design. Moving a slot's declaration up is fine: valid C++ already
/// forbids jumping over non-trivial declarations, so a slot only ever
/// moves above trivially destructible locals, where the order of
/// destruction cannot be observed.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITER_CLASSIFY_H
#define CXXDEFER_REWRITER_CLASSIFY_H

#include "DeferSite.h"
#include "RewriteTranslationUnit.h"

namespace cxxdefer {

/// Fills Class, Reason, Slot, SlotIndex and Bit of every site of \p F.
void classify(DeferFunction &F, const RewriteOptions &Opts);

/// The remark for \p Site in Go's words (`open-coded defer`, ...), with the
/// reason when it is not open-coded.
std::string classRemark(const DeferSite &Site);

} // namespace cxxdefer

#endif // CXXDEFER_REWRITER_CLASSIFY_H
