//===- PluginOptions.cpp - -fplugin-arg-cxxdefer-NAME[=VALUE] -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "PluginOptions.h"

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

/// Points at the option field that the flag option \p Name sets, or null.
static bool *findFlagOption(StringRef Name, PluginOptions &Opts) {
  return llvm::StringSwitch<bool *>(Name)
      .Case("remarks", &Opts.Remarks)
      .Case("verbose", &Opts.Verbose)
      .Case("warn-defer-in-loop", &Opts.Rewrite.WarnDeferInLoop)
      .Default(nullptr);
}

/// Points at the option field that the numeric option \p Name sets, or null.
static unsigned *findNumberOption(StringRef Name, PluginOptions &Opts) {
  return llvm::StringSwitch<unsigned *>(Name)
      .Case("max-open-defers", &Opts.Rewrite.MaxOpenCodedDefers)
      .Case("max-returns-times-defers", &Opts.Rewrite.MaxReturnsTimesDefers)
      .Default(nullptr);
}

/// Applies one plugin argument, `NAME` or `NAME=VALUE`, to \p Opts.
/// \returns false after reporting an error if it is not a valid option.
static bool applyOption(StringRef Arg, PluginOptions &Opts,
                        DiagnosticsEngine &Diags) {
  auto [Name, Value] = Arg.split('=');
  bool HasValue = Name.size() != Arg.size();
  if (bool *Flag = findFlagOption(Name, Opts)) {
    if (!HasValue) {
      *Flag = true;
      return true;
    }
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "cxxdefer: option '-fplugin-arg-cxxdefer-%0' takes no value"))
        << Name;
    return false;
  }
  if (Name == "force-tier") {
    if (HasValue && parseForcedTier(Value, Opts.Rewrite.ForceTier))
      return true;
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "cxxdefer: option '-fplugin-arg-cxxdefer-force-tier' needs one of "
        "the values go, stack, heap"));
    return false;
  }
  if (unsigned *Number = findNumberOption(Name, Opts)) {
    if (HasValue && !Value.getAsInteger(10, *Number))
      return true;
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "cxxdefer: option '-fplugin-arg-cxxdefer-%0' needs a non-negative "
        "integer value, as in -fplugin-arg-cxxdefer-%0=8"))
        << Name;
    return false;
  }
  Diags.Report(Diags.getCustomDiagID(
      DiagnosticsEngine::Error,
      "cxxdefer: unknown option '-fplugin-arg-cxxdefer-%0' (known: remarks, "
      "verbose, warn-defer-in-loop, max-open-defers=N, "
      "max-returns-times-defers=N, force-tier=go|stack|heap)"))
      << Arg;
  return false;
}

bool cxxdefer::plugin::parsePluginOptions(const std::vector<std::string> &Args,
                                          PluginOptions &Opts,
                                          DiagnosticsEngine &Diags) {
  bool Valid = true;
  for (const std::string &Arg : Args)
    Valid &= applyOption(Arg, Opts, Diags);
  return Valid;
}
