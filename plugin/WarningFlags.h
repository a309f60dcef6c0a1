//===- WarningFlags.h - -Wcxxdefer-... for the core's warnings --*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Every warning of the core carries a flag name (Finding::Flag), e.g.
/// `cxxdefer-dangling`, and the group `cxxdefer` holds them all. The user
/// controls them with clang's own options, read from the compile's
/// DiagnosticOptions: -Wcxxdefer-dangling, -Wno-cxxdefer-dangling,
/// -Werror=cxxdefer-dangling, -Wno-error=..., -Wcxxdefer / -Wno-cxxdefer,
/// -Werror, -Weverything, -w.
///
/// Why the plugin evaluates them itself: clang 19 gives a plugin's custom
/// diagnostics no warning group (DiagnosticIDs::getCustomDiagID takes a
/// level and a format, nothing else), and the level of a custom diagnostic
/// is fixed, untouched by -W options and pragmas. So the reporter asks this
/// model which level a warning gets and reports it with a custom ID of that
/// level. The model follows clang's ProcessWarningOptions (lib/Basic/
/// Warnings.cpp): options apply in order and the last one wins, -Werror is
/// a global switch that -Wno-error=NAME opts out of, -Werror=NAME also
/// enables NAME, -Weverything enables everything, -w silences everything.
///
/// What it cannot do: cc1 checks -W names against its own tables before any
/// plugin is loaded, so `-Wno-cxxdefer-dangling` also draws clang's
/// "unknown warning option" warning (silence it with an earlier
/// -Wno-unknown-warning-option), and `#pragma clang diagnostic` cannot name
/// these flags.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_WARNINGFLAGS_H
#define CXXDEFER_PLUGIN_WARNINGFLAGS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class DiagnosticOptions;
} // namespace clang

namespace cxxdefer::plugin {

/// One warning of the core: its flag (without -W) and whether it is on
/// without any option.
struct WarningFlag {
  llvm::StringRef Name;
  bool OnByDefault;
};

/// The core's warnings. Every name starts with the group's, "cxxdefer-".
llvm::ArrayRef<WarningFlag> warningFlags();

/// The group that holds every flag of warningFlags().
inline constexpr llvm::StringRef WarningGroup = "cxxdefer";

/// What happens to a warning.
enum class WarningLevel { Ignored, Warning, Error };

/// The -W options of one compile, evaluated for the core's flags.
class WarningPolicy {
public:
  /// Reads -w and the -W options (in command-line order) of \p Opts.
  explicit WarningPolicy(const clang::DiagnosticOptions &Opts);
  /// Same, from the option texts without their -W (`no-error=foo`).
  WarningPolicy(llvm::ArrayRef<std::string> Warnings, bool IgnoreAll);

  /// The level of the warning whose flag is \p Flag. A flag that is not in
  /// warningFlags() is a warning that only -w silences.
  WarningLevel levelOf(llvm::StringRef Flag) const;

  /// The option clang shows after a warning, without the brackets:
  /// "-Wcxxdefer-dangling", or "-Werror,-Wcxxdefer-dangling" when it is an
  /// error. Empty for a warning without a flag.
  std::string optionText(llvm::StringRef Flag) const;

private:
  struct State {
    bool Enabled;
    enum { Default, AsError, NotAsError } ErrorMode = Default;
  };
  std::vector<State> States; // parallel to warningFlags()
  bool WarningsAsErrors = false;
  bool IgnoreAll = false;

  void apply(llvm::StringRef Option);
  void forEachNamed(llvm::StringRef Name, void (*Fn)(State &, bool),
                    bool Value);
  const State *find(llvm::StringRef Flag) const;
};

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_WARNINGFLAGS_H
