//===- Classify.cpp - Go's open-coded / stack / heap decision -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Classify.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

namespace cxxdefer {

/// Why no defer of \p F can be open-coded; empty if they all can.
static std::string whyNotOpenCoded(const DeferFunction &F,
                                   const RewriteOptions &Opts) {
  unsigned Defers = F.Sites.size();
  if (llvm::any_of(F.Sites, [](const DeferSite &S) { return S.InLoop; }))
    return "the function has a defer statement in a loop";
  if (Defers > Opts.MaxOpenCodedDefers)
    return (llvm::Twine("the function has ") + llvm::Twine(Defers) +
            " defer statements, more than " +
            llvm::Twine(Opts.MaxOpenCodedDefers))
        .str();
  if (F.Returns * Defers > Opts.MaxReturnsTimesDefers)
    return (llvm::Twine(F.Returns) + " returns x " + llvm::Twine(Defers) +
            " defer statements is more than " +
            llvm::Twine(Opts.MaxReturnsTimesDefers))
        .str();
  return "";
}

/// Moves slots that a forward goto would jump into the middle of (past their
/// declaration, into their try region) up to the goto's statement, until no
/// jump crosses a slot declaration.
static void hoistAboveForwardJumps(DeferFunction &F) {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (auto [GotoIndex, LabelIndex] : F.ForwardJumps)
      for (DeferSite &Site : F.Sites)
        if (Site.SlotIndex > GotoIndex && Site.SlotIndex <= LabelIndex) {
          Site.SlotIndex = GotoIndex;
          Site.Slot = SlotKind::Hoisted;
          Changed = true;
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
    } else {
      Site.Class = DeferClass::StackAllocated;
      Site.Reason = Why;
    }
  }
  if (!Why.empty())
    return;
  hoistAboveForwardJumps(F);
  unsigned NextBit = 0;
  for (DeferSite &Site : F.Sites)
    if (Site.Slot == SlotKind::Hoisted)
      Site.Bit = NextBit++;
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
