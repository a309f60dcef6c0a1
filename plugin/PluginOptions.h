//===- PluginOptions.h - -fplugin-arg-cxxdefer-NAME[=VALUE] -----*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The plugin's own options. Clang hands a plugin the text after
/// `-fplugin-arg-cxxdefer-` and nothing else, so parsing and its error
/// messages are the plugin's job. A bad option is an error and stops the
/// compile: an option the user wrote and the plugin ignored would silently
/// change which code runs.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_PLUGINOPTIONS_H
#define CXXDEFER_PLUGIN_PLUGINOPTIONS_H

#include "cxxdefer/Rewrite.h"
#include <string>
#include <vector>

namespace clang {
class DiagnosticsEngine;
} // namespace clang

namespace cxxdefer::plugin {

/// What -fplugin-arg-cxxdefer-NAME[=VALUE] can set.
struct PluginOptions {
  RewriteOptions Rewrite;
  /// Show the core's remarks (as -Rpass=defer does).
  bool Remarks = false;
  /// Log decisions and timings to stderr.
  bool Verbose = false;
  /// Let the pre-parse instantiate every template, as a compile does,
  /// rather than only what the analysis reads (to compare the two).
  bool InstantiateAll = false;
  /// Analyse in a nested pre-parse even where the compile could fork after
  /// the main file's #include block (ForkedParse.h), to compare.
  bool NoFork = false;
};

/// Applies every argument in \p Args (`NAME` or `NAME=VALUE`) to \p Opts.
/// \returns false after reporting an error through \p Diags for each
/// argument that is not a valid option.
bool parsePluginOptions(const std::vector<std::string> &Args,
                        PluginOptions &Opts, clang::DiagnosticsEngine &Diags);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_PLUGINOPTIONS_H
