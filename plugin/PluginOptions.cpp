//===- PluginOptions.cpp - -fplugin-arg-cxxdefer-NAME[=VALUE] -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "PluginOptions.h"

#include "clang/Basic/Diagnostic.h"

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

// The core's options by kind (Options.def): each lookup below expands the
// list with the kinds it does not handle expanding to nothing.
#define CXXDEFER_OPTION(Field, Kind, Spelling, Default, Help)                  \
  CXXDEFER_FIND_##Kind(Field, Spelling)

/// Points at the option field that the flag option \p Name sets, or null:
/// the plugin's own, then the core's.
static bool *findFlagOption(StringRef Name, PluginOptions &Opts) {
  if (Name == "remarks")
    return &Opts.Remarks;
  if (Name == "verbose")
    return &Opts.Verbose;
  if (Name == "instantiate-all")
    return &Opts.InstantiateAll;
  if (Name == "no-fork")
    return &Opts.NoFork;
#define CXXDEFER_FIND_Flag(Field, Spelling)                                    \
  if (Name == Spelling)                                                        \
    return &Opts.Rewrite.Field;
#define CXXDEFER_FIND_Number(Field, Spelling)
#define CXXDEFER_FIND_Tier(Field, Spelling)
#include "cxxdefer/Options.def"
#undef CXXDEFER_FIND_Flag
#undef CXXDEFER_FIND_Number
#undef CXXDEFER_FIND_Tier
  return nullptr;
}

/// Points at the core's numeric option field that \p Name sets, or null.
static unsigned *findNumberOption(StringRef Name, PluginOptions &Opts) {
#define CXXDEFER_OPTION(Field, Kind, Spelling, Default, Help)                  \
  CXXDEFER_FIND_##Kind(Field, Spelling)
#define CXXDEFER_FIND_Flag(Field, Spelling)
#define CXXDEFER_FIND_Number(Field, Spelling)                                  \
  if (Name == Spelling)                                                        \
    return &Opts.Rewrite.Field;
#define CXXDEFER_FIND_Tier(Field, Spelling)
#include "cxxdefer/Options.def"
#undef CXXDEFER_FIND_Flag
#undef CXXDEFER_FIND_Number
#undef CXXDEFER_FIND_Tier
  return nullptr;
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
    if (std::optional<ForcedTier> Tier = parseForcedTier(Value);
        HasValue && Tier) {
      Opts.Rewrite.ForceTier = *Tier;
      return true;
    }
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
  // The known options: the plugin's own, then the core's (Options.def).
  std::string Known = "remarks, verbose, instantiate-all, no-fork";
#define CXXDEFER_OPTION(Field, Kind, Spelling, Default, Help)                  \
  Known += std::string(", ") + Spelling + CXXDEFER_VALUE_##Kind;
#define CXXDEFER_VALUE_Flag ""
#define CXXDEFER_VALUE_Number "=N"
#define CXXDEFER_VALUE_Tier "=go|stack|heap"
#include "cxxdefer/Options.def"
#undef CXXDEFER_VALUE_Flag
#undef CXXDEFER_VALUE_Number
#undef CXXDEFER_VALUE_Tier
  Diags.Report(Diags.getCustomDiagID(
      DiagnosticsEngine::Error,
      "cxxdefer: unknown option '-fplugin-arg-cxxdefer-%0' (known: %1)"))
      << Arg << Known;
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
