//===- WarningFlags.cpp - -Wcxxdefer-... for the core's warnings ----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "WarningFlags.h"

#include "clang/Basic/DiagnosticOptions.h"

using namespace cxxdefer::plugin;

llvm::ArrayRef<WarningFlag> cxxdefer::plugin::warningFlags() {
  static const WarningFlag Flags[] = {
      // A deferred call keeps a reference to a local of a nested block.
      {"cxxdefer-dangling", true},
      // A defer statement in a loop (SPEC 6: an optional warning).
      {"cxxdefer-defer-in-loop", false},
  };
  return Flags;
}

WarningPolicy::WarningPolicy(const clang::DiagnosticOptions &Opts)
    : WarningPolicy(Opts.Warnings, Opts.IgnoreWarnings) {}

WarningPolicy::WarningPolicy(llvm::ArrayRef<std::string> Warnings,
                             bool IgnoreAll)
    : IgnoreAll(IgnoreAll) {
  for (const WarningFlag &Flag : warningFlags())
    States.push_back({Flag.OnByDefault});
  for (const std::string &Option : Warnings)
    apply(Option);
}

/// Applies \p Fn with \p Value to every flag that \p Name names: the group
/// names them all.
void WarningPolicy::forEachNamed(llvm::StringRef Name,
                                 void (*Fn)(State &, bool), bool Value) {
  llvm::ArrayRef<WarningFlag> Flags = warningFlags();
  for (size_t I = 0; I != Flags.size(); ++I)
    if (Name == WarningGroup || Name == Flags[I].Name)
      Fn(States[I], Value);
}

void WarningPolicy::apply(llvm::StringRef Option) {
  bool Positive = !Option.consume_front("no-");
  if (Option == "everything") {
    for (State &S : States)
      S.Enabled = Positive;
    return;
  }
  if (Option == "error") {
    WarningsAsErrors = Positive;
    return;
  }
  if (Option.consume_front("error=")) {
    // -Werror=NAME maps NAME to an error and enables it; -Wno-error=NAME
    // keeps it a warning under -Werror and leaves it as enabled as it was.
    forEachNamed(
        Option,
        [](State &S, bool AsError) {
          S.ErrorMode = AsError ? State::AsError : State::NotAsError;
          S.Enabled |= AsError;
        },
        Positive);
    return;
  }
  forEachNamed(Option, [](State &S, bool On) { S.Enabled = On; }, Positive);
}

const WarningPolicy::State *WarningPolicy::find(llvm::StringRef Flag) const {
  llvm::ArrayRef<WarningFlag> Flags = warningFlags();
  for (size_t I = 0; I != Flags.size(); ++I)
    if (Flags[I].Name == Flag)
      return &States[I];
  return nullptr;
}

WarningLevel WarningPolicy::levelOf(llvm::StringRef Flag) const {
  if (IgnoreAll)
    return WarningLevel::Ignored;
  const State *S = find(Flag);
  if (!S)
    return WarningsAsErrors ? WarningLevel::Error : WarningLevel::Warning;
  if (!S->Enabled)
    return WarningLevel::Ignored;
  if (S->ErrorMode == State::AsError ||
      (S->ErrorMode == State::Default && WarningsAsErrors))
    return WarningLevel::Error;
  return WarningLevel::Warning;
}

std::string WarningPolicy::optionText(llvm::StringRef Flag) const {
  if (Flag.empty())
    return "";
  // Like clang's printer: a warning shown as an error says so first.
  return (levelOf(Flag) == WarningLevel::Error ? "-Werror,-W" : "-W") +
         Flag.str();
}
