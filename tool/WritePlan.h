//===- WritePlan.h - Every file of a translation unit, or none --*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A translation unit's rewrite is only correct as a whole. Its main file,
/// rewritten, beside a header that still holds defer statements does not
/// compile without the plugin; nor does a rewritten header whose other
/// users were left as they were, if they use `__defer` too. So the batch
/// tool outputs every file a translation unit needs, or none of them.
///
/// Headers are shared between translation units, so one file that cannot
/// be output (it is read-only, outside --root, rewritten differently by two
/// units, read by a unit with errors, or its write failed) holds back every
/// unit that needs it, then every other file those units need, and so on.
/// The plan is closed under that rule before anything is written, and again
/// whenever a write fails; the driver then restores the files it had
/// already written for the units held back. The plan decides and keeps the
/// books; reporting and writing are the driver's (BatchRewrite.cpp).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TOOL_WRITEPLAN_H
#define CXXDEFER_TOOL_WRITEPLAN_H

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cxxdefer {

/// One file the run means to output.
struct PlannedFile {
  /// Canonical path of the source file.
  std::string Path;
  /// What to output: the rewrite, or (stdout, --out-dir) the file as it is.
  std::string Text;
  /// The text the translation units read.
  std::string OriginalText;
  /// The translation units (by command index) that need this file output.
  std::vector<size_t> Units;
  /// It is not output, because of its own problem or another file's.
  bool Held = false;

  /// Returns true if the output differs from the source file.
  bool changed() const { return Text != OriginalText; }
};

/// A translation unit held back, and the file that held it back.
struct HeldUnit {
  size_t Unit;
  size_t Cause;
};

class WritePlan {
public:
  /// Adds the file at \p Path, or returns the one already there.
  ///
  /// \returns its index in files().
  size_t addFile(llvm::StringRef Path, std::string Text,
                 std::string OriginalText);
  /// Records that translation unit \p Unit needs file \p File.
  void addUnit(size_t File, size_t Unit);
  /// Marks \p File as not to be output (its own problem).
  void hold(size_t File);
  /// Holds back every translation unit that needs a held file, with all of
  /// its files, until no more change.
  ///
  /// \returns the units held back by this call, in order of their index.
  std::vector<HeldUnit> close();

  /// Returns the index of the file at \p Path, if it is in the plan.
  std::optional<size_t> find(llvm::StringRef Path) const;
  /// Returns the files of translation unit \p Unit.
  const std::vector<size_t> &unitFiles(size_t Unit) const;

  const std::vector<PlannedFile> &files() const { return Files; }

private:
  std::vector<PlannedFile> Files;
  std::map<std::string, size_t> ByPath;
  std::map<size_t, std::vector<size_t>> UnitFiles;
  std::set<size_t> HeldUnits;
};

} // namespace cxxdefer

#endif // CXXDEFER_TOOL_WRITEPLAN_H
