//===- Classify.h - Go's open-coded / stack / heap decision ----*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The second stage: for every defer statement of a function, its tier
/// (SPEC 4, Go's rules, all or nothing per function), where its storage is
/// declared, and what runs it when an exception leaves the function.
///
/// - A defer statement in a loop (Sites.h, InLoop) is heap-allocated and
///   keeps the whole function from being open-coded.
/// - Otherwise the function is open-coded if it has at most
///   max-open-defers defer statements and returns x defers <=
///   max-returns-times-defers; else its defers are stack-allocated.
/// - An open-coded defer statement that is a top-level statement of the
///   body gets its slot right there; any other is hoisted before the
///   top-level statement that holds it, with a deferBits bit. Slots, and the
///   defer_frames of the other tiers, are hoisted further above any goto
///   that would cross them.
/// - Consecutive top-level statements of a stack/heap function share one
///   frame until a declaration stands between them.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_CLASSIFY_H
#define CXXDEFER_LIB_CLASSIFY_H

#include "Plan.h"
#include "Sites.h"
#include <string>
#include <vector>

namespace cxxdefer {

/// What Classify decides for one defer statement.
struct Classification {
  Tier Class = Tier::OpenCoded;
  /// Why it is not open-coded, in Go's words; empty when it is.
  std::string Reason;
  Storage Where = Storage::Slot;
  unsigned SlotIndex = 0;
  unsigned Bit = 0;
  unsigned Frame = 0;
};

struct FunctionClassification {
  std::vector<Classification> Sites;
  /// The frames of a stack/heap function, by SlotIndex.
  std::vector<unsigned> FrameSlotIndex;
  bool UsesBits = false;
};

/// Classifies the defer statements of \p F.
FunctionClassification classify(const DeferFunction &F,
                                const RewriteOptions &Opts);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_CLASSIFY_H
