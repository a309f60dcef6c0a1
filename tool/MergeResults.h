//===- MergeResults.h - One verdict per file from many TUs ------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A header that several translation units include is rewritten by each of
/// them, and a file may be read by a TU that failed. Merging decides, per
/// file, whether the run may write it: only if every TU that rewrote it
/// produced the same text, and no TU that read it had errors. It only
/// decides; reporting and writing are the driver's (BatchRewrite.cpp).
///
/// A TU that reads a file as a user file (not through -isystem) but returns
/// no rewrite for it disagrees too: it saw no defer statement there, so an
/// `#if` hid them from it, and the others' rewrite (which may wrap a whole
/// function body around a defer that this TU does not see) is not known to
/// mean the same to it.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TOOL_MERGERESULTS_H
#define CXXDEFER_TOOL_MERGERESULTS_H

#include "TranslationUnitJob.h"
#include "llvm/ADT/ArrayRef.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cxxdefer {

/// A file that at least one TU rewrote, and what became of it.
struct MergedFile {
  /// Canonical path (see TranslationUnitResult::MainFile).
  std::string Path;
  std::string OriginalText;
  /// The text from the first TU (in command order) that rewrote the file.
  std::string NewText;
  /// That first TU's index.
  size_t Unit = 0;
  /// A TU whose rewrite differs from the first one's, or that reads the
  /// file and leaves it as it is (then DisagreeingUnitKeepsText).
  std::optional<size_t> DisagreeingUnit;
  bool DisagreeingUnitKeepsText = false;
  /// A failed TU that read this file.
  std::optional<size_t> FailedUnit;

  /// Returns true if the run may write NewText to the file.
  bool isWritable() const { return !DisagreeingUnit && !FailedUnit; }
};

struct MergedRewrite {
  /// Every file some TU rewrote, sorted by path.
  std::vector<MergedFile> Files;
  /// Every file a failed TU read (its main file included), mapped to the
  /// first such TU: none of them may be written or printed.
  std::map<std::string, size_t> Untouchable;
  /// The statistics of the TUs that did not fail, summed; except that the
  /// three class counts are of distinct defer statements whenever the TUs
  /// reported them one by one, so that a defer in a header counts once.
  RewriteStats Stats;

  /// Returns the entry for \p Path, or nullptr if no TU rewrote it.
  const MergedFile *find(llvm::StringRef Path) const;
};

/// Merges \p Units, given in command order; the result depends only on
/// their contents and order, never on which job finished first.
MergedRewrite
mergeTranslationUnits(llvm::ArrayRef<TranslationUnitResult> Units);

} // namespace cxxdefer

#endif // CXXDEFER_TOOL_MERGERESULTS_H
