//===- WritePlan.cpp - Every file of a translation unit, or none ----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// close() is a graph search over the bipartite graph of files and units:
/// from every held file to the units that need it, from each of those to
/// its files. Each unit and file is visited at most once per call, and
/// units come out in index order (command order), so what the driver
/// reports does not depend on the order in which files were held.
///
//===----------------------------------------------------------------------===//

#include "WritePlan.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace cxxdefer {

size_t WritePlan::addFile(llvm::StringRef Path, std::string Text,
                          std::string OriginalText) {
  auto [It, Inserted] = ByPath.try_emplace(Path.str(), Files.size());
  if (Inserted) {
    PlannedFile File;
    File.Path = Path.str();
    File.Text = std::move(Text);
    File.OriginalText = std::move(OriginalText);
    Files.push_back(std::move(File));
  }
  return It->second;
}

void WritePlan::addUnit(size_t File, size_t Unit) {
  std::vector<size_t> &Units = Files[File].Units;
  if (!llvm::is_contained(Units, Unit))
    Units.push_back(Unit);
  std::vector<size_t> &Needed = UnitFiles[Unit];
  if (!llvm::is_contained(Needed, File))
    Needed.push_back(File);
}

void WritePlan::hold(size_t File) { Files[File].Held = true; }

std::vector<HeldUnit> WritePlan::close() {
  std::vector<HeldUnit> Newly;
  std::vector<size_t> Work;
  for (size_t I = 0; I != Files.size(); ++I)
    if (Files[I].Held)
      Work.push_back(I);
  while (!Work.empty()) {
    size_t File = Work.back();
    Work.pop_back();
    for (size_t Unit : Files[File].Units) {
      if (!HeldUnits.insert(Unit).second)
        continue;
      Newly.push_back({Unit, File});
      for (size_t Other : UnitFiles[Unit]) {
        if (Files[Other].Held)
          continue;
        Files[Other].Held = true;
        Work.push_back(Other);
      }
    }
  }
  llvm::sort(Newly, [](const HeldUnit &A, const HeldUnit &B) {
    return A.Unit < B.Unit;
  });
  return Newly;
}

std::optional<size_t> WritePlan::find(llvm::StringRef Path) const {
  auto It = ByPath.find(Path.str());
  if (It == ByPath.end())
    return std::nullopt;
  return It->second;
}

const std::vector<size_t> &WritePlan::unitFiles(size_t Unit) const {
  static const std::vector<size_t> None;
  auto It = UnitFiles.find(Unit);
  return It == UnitFiles.end() ? None : It->second;
}

} // namespace cxxdefer
