//===- Mentions.cpp - Which files need the rewriter ----------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "cxxdefer/Mentions.h"
#include "cxxdefer/SystemCode.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <optional>

using llvm::StringRef;

namespace cxxdefer {

/// If \p Line is a line marker of preprocessed output (`# 42 "file" 1 3`),
/// whether the text after it comes from a system header (flag 3).
static std::optional<bool> isSystemLineMarker(StringRef Line) {
  Line = Line.drop_front().ltrim(" \t"); // the '#'
  if (Line.empty() || !llvm::isDigit(Line.front()))
    return std::nullopt; // a directive, or `#line` (which has no flags)
  size_t Quote = Line.rfind('"');
  if (Quote == StringRef::npos)
    return std::nullopt;
  llvm::SmallVector<StringRef, 4> Flags;
  Line.substr(Quote + 1).split(Flags, ' ', /*MaxSplit=*/-1,
                               /*KeepEmpty=*/false);
  return llvm::is_contained(Flags, "3");
}

Mentions findMentions(StringRef Text,
                      llvm::function_ref<void(StringRef)> OnDirective) {
  Mentions Found;
  // Most files mention nothing, and every word searched for has `defer` or
  // `__result` in it: two searches of the whole text spare the four of
  // each line (StringRef::find sets up a skip table per call).
  bool MayMention = Text.contains("defer") || Text.contains("__result");
  if (!MayMention && !OnDirective)
    return Found;
  bool InSystemHeader = false;
  for (size_t Pos = 0; Pos < Text.size();) {
    size_t End = Text.find('\n', Pos);
    StringRef Line = Text.slice(Pos, End);
    Pos = End == StringRef::npos ? Text.size() : End + 1;
    StringRef Trimmed = Line.ltrim(" \t");
    if (Trimmed.starts_with("#")) {
      if (std::optional<bool> System = isSystemLineMarker(Trimmed)) {
        InSystemHeader = *System;
        continue;
      }
      if (!InSystemHeader && OnDirective)
        OnDirective(Trimmed.drop_front().ltrim(" \t"));
    }
    if (InSystemHeader || !MayMention)
      continue;
    Found.DeferSyntax |= Line.contains("__defer") ||
                         Line.contains("__errdefer") ||
                         Line.contains("__result");
    Found.ExpandedDefer |= Line.contains("defer_statement_needs_plugin");
  }
  return Found;
}

bool needsRewriter(StringRef Path, StringRef Text, bool System) {
  if (System)
    return isSystemHeaderToRewrite(Path, Text);
  return !isRuntimeHeader(Path) && findMentions(Text).DeferSyntax;
}

} // namespace cxxdefer
