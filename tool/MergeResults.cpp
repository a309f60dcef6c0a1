//===- MergeResults.cpp - One verdict per file from many TUs --------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Files are keyed by canonical path, so a header reached as `../inc/a.h`
/// from one directory and through a symbolic link from another is one file.
/// Original texts are compared as well as new ones: two TUs that read
/// different bytes (the file changed while the run went on) disagree even if
/// they happen to produce the same result.
///
//===----------------------------------------------------------------------===//

#include "MergeResults.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace cxxdefer {

const MergedFile *MergedRewrite::find(llvm::StringRef Path) const {
  auto It = llvm::partition_point(
      Files, [&](const MergedFile &File) { return File.Path < Path; });
  return It != Files.end() && It->Path == Path ? &*It : nullptr;
}

/// Adds \p From's counts to \p Into.
static void addStats(RewriteStats &Into, const RewriteStats &From) {
  Into.Functions += From.Functions;
  Into.OpenCoded += From.OpenCoded;
  Into.StackAllocated += From.StackAllocated;
  Into.HeapAllocated += From.HeapAllocated;
  Into.FunctionsWithErrors += From.FunctionsWithErrors;
}

/// Replaces the class counts in \p Stats by counts of distinct defer
/// statements, if \p Units listed any.
static void countDistinctDefers(llvm::ArrayRef<TranslationUnitResult> Units,
                                RewriteStats &Stats) {
  std::map<std::pair<std::string, unsigned>, Tier> Distinct;
  for (const TranslationUnitResult &Unit : Units)
    for (const ClassifiedDefer &Defer : Unit.Failed
                                            ? llvm::ArrayRef<ClassifiedDefer>()
                                            : llvm::ArrayRef(Unit.Defers))
      Distinct.emplace(std::make_pair(Defer.Path, Defer.Offset), Defer.Class);
  if (Distinct.empty())
    return;
  Stats.OpenCoded = Stats.StackAllocated = Stats.HeapAllocated = 0;
  for (const auto &[Where, Class] : Distinct)
    countDefer(Stats, Class);
}

/// Returns the first TU in \p Units that read \p Path as a user file, did
/// not fail, and did not rewrite it.
static std::optional<size_t>
findUnitKeepingText(llvm::ArrayRef<TranslationUnitResult> Units,
                    llvm::StringRef Path) {
  for (size_t I = 0; I != Units.size(); ++I) {
    const TranslationUnitResult &Unit = Units[I];
    if (Unit.Failed ||
        !std::binary_search(Unit.UserFiles.begin(), Unit.UserFiles.end(), Path))
      continue;
    if (llvm::none_of(Unit.Files,
                      [&](const RewrittenFile &F) { return F.Path == Path; }))
      return I;
  }
  return std::nullopt;
}

MergedRewrite
mergeTranslationUnits(llvm::ArrayRef<TranslationUnitResult> Units) {
  MergedRewrite Merged;
  std::map<std::string, MergedFile> ByPath;
  for (size_t I = 0; I != Units.size(); ++I) {
    const TranslationUnitResult &Unit = Units[I];
    if (Unit.Failed) {
      Merged.Untouchable.emplace(Unit.MainFile, I);
      for (const std::string &Path : Unit.UserFiles)
        Merged.Untouchable.emplace(Path, I);
      continue;
    }
    addStats(Merged.Stats, Unit.Stats);
    for (const RewrittenFile &File : Unit.Files) {
      auto [It, Inserted] = ByPath.try_emplace(File.Path);
      MergedFile &Entry = It->second;
      if (Inserted) {
        Entry.Path = File.Path;
        Entry.OriginalText = File.OriginalText;
        Entry.NewText = File.NewText;
        Entry.Unit = I;
      } else if (!Entry.DisagreeingUnit &&
                 (Entry.NewText != File.NewText ||
                  Entry.OriginalText != File.OriginalText)) {
        Entry.DisagreeingUnit = I;
      }
    }
  }
  countDistinctDefers(Units, Merged.Stats);
  for (auto &[Path, File] : ByPath) {
    if (!File.DisagreeingUnit)
      if (std::optional<size_t> Unit = findUnitKeepingText(Units, Path)) {
        File.DisagreeingUnit = Unit;
        File.DisagreeingUnitKeepsText = true;
      }
    auto Failed = Merged.Untouchable.find(Path);
    if (Failed != Merged.Untouchable.end())
      File.FailedUnit = Failed->second;
    Merged.Files.push_back(std::move(File));
  }
  return Merged;
}

} // namespace cxxdefer
