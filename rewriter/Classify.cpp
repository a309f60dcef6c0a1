//===- Classify.cpp - Go's open-coded / stack / heap decision -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Classify.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>

namespace cxxdefer {

/// Why no defer of \p F can be open-coded; empty if they all can.
static std::string whyNotOpenCoded(const DeferFunction &F,
                                   const RewriteOptions &Opts) {
  unsigned Defers = F.Sites.size();
  if (llvm::any_of(F.Sites, [](const DeferSite &S) { return S.InLoop; }))
    return "the function has a defer statement in a loop";
  if (Opts.ForceTier != RewriteOptions::Tier::Go)
    return "forced by the force-tier option";
  if (Defers > Opts.MaxOpenCodedDefers)
    return (llvm::Twine("the function has ") + llvm::Twine(Defers) +
            " defer statements, more than " +
            llvm::Twine(Opts.MaxOpenCodedDefers))
        .str();
  unsigned Returns = F.ReturnStatements.size();
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
static void hoistAboveJumps(DeferFunction &F) {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (auto [GotoIndex, LabelIndex] : F.Jumps) {
      unsigned First = std::min(GotoIndex, LabelIndex);
      unsigned Last = std::max(GotoIndex, LabelIndex);
      for (DeferSite &Site : F.Sites)
        if (Site.SlotIndex > First && Site.SlotIndex <= Last) {
          Site.SlotIndex = First;
          Site.Slot = SlotKind::Hoisted;
          Changed = true;
        }
    }
  }
}

void classify(DeferFunction &F, const RewriteOptions &Opts) {
  std::string Why = whyNotOpenCoded(F, Opts);
  for (DeferSite &Site : F.Sites) {
    Site.SlotIndex = Site.TopLevelIndex;
    Site.Slot = Site.TopLevel ? SlotKind::AtStatement : SlotKind::Hoisted;
    if (Why.empty()) {
      Site.Class = DeferClass::OpenCoded;
    } else if (Site.InLoop) {
      Site.Class = DeferClass::HeapAllocated;
      Site.Reason = "the defer statement is in a loop";
    } else if (Opts.ForceTier == RewriteOptions::Tier::Heap) {
      Site.Class = DeferClass::HeapAllocated;
      Site.Reason = Why;
    } else {
      Site.Class = DeferClass::StackAllocated;
      Site.Reason = Why;
    }
  }
  hoistAboveJumps(F);
  unsigned NextBit = 0;
  for (DeferSite &Site : F.Sites)
    if (Site.Class == DeferClass::OpenCoded && Site.Slot == SlotKind::Hoisted)
      Site.Bit = NextBit++;
}

bool parseForcedTier(llvm::StringRef Name, RewriteOptions::Tier &Out) {
  if (Name == "go")
    Out = RewriteOptions::Tier::Go;
  else if (Name == "stack")
    Out = RewriteOptions::Tier::Stack;
  else if (Name == "heap")
    Out = RewriteOptions::Tier::Heap;
  else
    return false;
  return true;
}

std::string classRemark(const DeferSite &Site) {
  switch (Site.Class) {
  case DeferClass::OpenCoded:
    return "open-coded defer";
  case DeferClass::StackAllocated:
    return "stack-allocated defer: " + Site.Reason;
  case DeferClass::HeapAllocated:
    return "heap-allocated defer: " + Site.Reason;
  }
  llvm_unreachable("unknown DeferClass");
}

} // namespace cxxdefer
