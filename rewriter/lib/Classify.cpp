//===- Classify.cpp - Go's open-coded / stack / heap decision -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Classify.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>
#include <cassert>

using namespace clang;

namespace cxxdefer {

/// Why no defer of \p F can be open-coded; empty if they all can.
static std::string whyNotOpenCoded(const DeferFunction &F,
                                   const RewriteOptions &Opts) {
  unsigned Defers = F.Sites.size();
  if (llvm::any_of(F.Sites, [](const DeferSite &S) { return S.InLoop; }))
    return "the function has a defer statement in a loop";
  if (Opts.ForceTier != ForcedTier::Go)
    return "forced by the force-tier option";
  // deferBits is one byte, as in Go: max-open-defers above 8 counts as 8.
  unsigned MaxOpen = std::min(Opts.MaxOpenDefers, 8u);
  if (Defers > MaxOpen)
    return (llvm::Twine("the function has ") + llvm::Twine(Defers) +
            " defer statements, more than " + llvm::Twine(MaxOpen))
        .str();
  unsigned Returns = F.Returns.size();
  if (Returns * Defers > Opts.MaxReturnsTimesDefers)
    return (llvm::Twine(Returns) + " returns x " + llvm::Twine(Defers) +
            " defer statements is more than " +
            llvm::Twine(Opts.MaxReturnsTimesDefers))
        .str();
  return "";
}

/// Moves slots that a goto would cross up to the first statement the jump
/// touches, until no jump crosses a slot declaration. A slot declared before
/// top-level statement S is crossed by a jump between statements A < B
/// when A < S <= B: forwards, the goto would skip its initialisation (which
/// C++ forbids) and land in its try region; backwards, it would leave the
/// slot's scope and so run the deferred calls early. Declared before A, the
/// slot is in scope at both ends of the jump.
static void hoistAboveJumps(const DeferFunction &F,
                            std::vector<Classification> &Sites) {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (auto [GotoIndex, LabelIndex] : F.Jumps) {
      assert(GotoIndex < F.Body->size() && LabelIndex < F.Body->size() &&
             "a jump between statements the body does not have");
      unsigned First = std::min(GotoIndex, LabelIndex);
      unsigned Last = std::max(GotoIndex, LabelIndex);
      for (Classification &Site : Sites)
        if (Site.SlotIndex > First && Site.SlotIndex <= Last) {
          Site.SlotIndex = First;
          if (Site.Where == Storage::Slot)
            Site.Where = Storage::HoistedSlot;
          Changed = true;
        }
    }
  }
}

/// True if a top-level statement of \p F in [\p From, \p To) declares
/// something.
static bool declaresBetween(const DeferFunction &F, unsigned From,
                            unsigned To) {
  assert(From <= To && To <= F.Body->size() && "statements out of the body");
  for (unsigned I = From; I < To; ++I) {
    const Stmt *S = F.Body->body_begin()[I];
    while (isa<LabelStmt>(S) || isa<AttributedStmt>(S))
      S = isa<LabelStmt>(S) ? cast<LabelStmt>(S)->getSubStmt()
                            : cast<AttributedStmt>(S)->getSubStmt();
    if (isa<DeclStmt>(S))
      return true;
  }
  return false;
}

FunctionClassification classify(const DeferFunction &F,
                                const RewriteOptions &Opts) {
  FunctionClassification Out;
  std::string Why = whyNotOpenCoded(F, Opts);
  for (const DeferSite &Site : F.Sites) {
    assert(Site.TopLevelIndex < F.Body->size() &&
           "a defer statement outside the body's statements");
    Classification C;
    C.SlotIndex = Site.TopLevelIndex;
    if (Why.empty()) {
      C.Class = Tier::OpenCoded;
      C.Where = Site.TopLevel ? Storage::Slot : Storage::HoistedSlot;
    } else if (Site.InLoop) {
      C.Class = Tier::HeapAllocated;
      C.Reason = "the defer statement is in a loop";
      C.Where = Storage::HeapRecord;
    } else if (Opts.ForceTier == ForcedTier::Heap) {
      C.Class = Tier::HeapAllocated;
      C.Reason = Why;
      C.Where = Storage::HeapRecord;
    } else {
      C.Class = Tier::StackAllocated;
      C.Reason = Why;
      C.Where = Storage::StackRecord;
    }
    Out.Sites.push_back(C);
  }
  assert(Out.Sites.size() == F.Sites.size() && "one class per site");
  hoistAboveJumps(F, Out.Sites);

  if (Why.empty()) {
    unsigned NextBit = 0;
    for (Classification &C : Out.Sites)
      if (C.Where == Storage::HoistedSlot)
        C.Bit = NextBit++;
    assert(NextBit <= F.Sites.size() && "one bit per hoisted slot");
    Out.UsesBits = NextBit > 0;
    return Out;
  }

  // Frames, in order of the statements they precede. Consecutive
  // statements share one while no declaration stands between them: with no
  // local born in between, running the later calls at the earlier frame
  // keeps SPEC 2.5, and each frame costs a walk at exit.
  std::vector<unsigned> Order(F.Sites.size());
  for (unsigned I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::stable_sort(Order.begin(), Order.end(), [&](unsigned A, unsigned B) {
    return Out.Sites[A].SlotIndex < Out.Sites[B].SlotIndex;
  });
  for (unsigned I : Order) {
    Classification &C = Out.Sites[I];
    if (Out.FrameSlotIndex.empty() ||
        declaresBetween(F, Out.FrameSlotIndex.back(), C.SlotIndex))
      Out.FrameSlotIndex.push_back(C.SlotIndex);
    C.Frame = Out.FrameSlotIndex.size() - 1;
  }
  assert(!Out.FrameSlotIndex.empty() && "a stack or heap function has a frame");
  return Out;
}

} // namespace cxxdefer
