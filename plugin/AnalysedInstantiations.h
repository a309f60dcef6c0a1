//===- AnalysedInstantiations.h - What the pre-parse instantiates -*- C++ -*-=//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The pre-parse's end-of-TU template instantiation, limited to what the
/// analysis can look at (AnalysedInstantiations.cpp says why that is exact).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_ANALYSEDINSTANTIATIONS_H
#define CXXDEFER_PLUGIN_ANALYSEDINSTANTIATIONS_H

#include "llvm/ADT/StringRef.h"
#include <memory>

namespace clang {
class ASTConsumer;
} // namespace clang

namespace cxxdefer::plugin {

/// What the limiter did, for the verbose log.
struct InstantiationCounts {
  /// Whether the limiter ran at the end of the translation unit.
  bool Ran = false;
  /// A user template contains a defer statement: the core plans it per
  /// instantiation, and needs the whole translation unit's.
  bool DeferInTemplate = false;
  /// Why every pending instantiation was kept, if it was; else empty.
  llvm::StringRef KeptAllBecause;
  /// The implicit instantiations pending at the end of the translation unit.
  unsigned Pending = 0;
  /// Those left out: a system-header template of system-header arguments.
  unsigned LeftOut = 0;
  /// Those of the left-out ones (or that they led to) that a deferred call
  /// can reach, instantiated after all for the analysis.
  unsigned Reached = 0;
};

/// A consumer to put before the core's AnalysisConsumer in the pre-parse:
/// it leaves out the end-of-TU instantiations that the analysis cannot
/// see, and before the core runs, instantiates those a deferred call can
/// reach. \p Counts must outlive the parse. With \p Enabled false it keeps
/// everything (the debug option instantiate-all), and only counts.
std::unique_ptr<clang::ASTConsumer>
createInstantiationLimiter(InstantiationCounts &Counts, bool Enabled);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_ANALYSEDINSTANTIATIONS_H
