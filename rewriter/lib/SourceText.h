//===- SourceText.h - Where the printer may edit the user's text -*- C++
//-*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Analysis finds positions as tokens of the parsed translation unit;
/// printing edits text. Placement connects the two, in two phases over all
/// the positions of every function that will be rewritten:
///
///  1. need(): a position maps to the file's own text when its token is
///     written there, or reaches it only through the argument of a
///     `__defer`/`__errdefer` (whose text we replace whole), or stands at
///     the first or last token of a macro use (an edit before or after the
///     use). Anything else - a defer statement written inside a user
///     macro, an operand that a macro builds, a `return` or a `__result`
///     produced by a macro - has no single place in the file: the
///     outermost macro use that holds it becomes a *region*, and the
///     printer will replace the use by the region's text, the use's
///     expansion written out token by token (which the MacroTokens
///     recorder kept while the TU was parsed).
///  2. place(): every position then gets a TextPos: inside a region when
///     its token belongs to one (even if it could map to the file: a use
///     is replaced whole or not at all), else in the file.
///
/// So a macro definition is never edited - other uses stay as they are -
/// and a use of it is replaced by ordinary C++, its rewritten expansion,
/// keeping its line count. The user's macro arguments are never trusted to
/// be expanded once (a macro may use an argument twice); only `__defer`'s
/// own argument is, and only because cxxdefer/parse_only.h defines it.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_SOURCETEXT_H
#define CXXDEFER_LIB_SOURCETEXT_H

#include "Plan.h"
#include "cxxdefer/SystemCode.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TokenKinds.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <optional>

namespace clang {
class LangOptions;
class Preprocessor;
class Token;
} // namespace clang

namespace cxxdefer {

/// The tokens that macro uses in user files expanded to, as the parser saw
/// them (rewriter/include/cxxdefer/Rewrite.h).
class MacroTokens {
public:
  struct Token {
    clang::SourceLocation Loc;
    unsigned Length;
    bool LeadingSpace;
    clang::tok::TokenKind Kind;
  };

  explicit MacroTokens(clang::Preprocessor &PP);

  /// The tokens of the outermost macro use that begins at \p UseBegin (the
  /// file location of the macro's name).
  llvm::ArrayRef<Token> use(clang::SourceLocation UseBegin) const;

  /// The index of the token at \p Loc within its use, if it was recorded.
  std::optional<unsigned> indexInUse(clang::SourceLocation Loc) const;

  /// The token after \p Loc in the same use, if there is one.
  std::optional<Token> nextInUse(clang::SourceLocation Loc) const;

private:
  void record(const clang::Token &T);

  const clang::SourceManager &SM;
  SystemCode System;
  std::vector<Token> Tokens;
  /// Raw location of a token -> its index in Tokens.
  llvm::DenseMap<unsigned, unsigned> ByLocation;
  /// Raw file location of a use's macro name -> [first, last) in Tokens.
  llvm::DenseMap<unsigned, std::pair<unsigned, unsigned>> Uses;
};

/// Placement of the positions of one translation unit (see the file
/// comment).
class Placement {
public:
  Placement(const clang::SourceManager &SM, const clang::LangOptions &LO,
            const MacroTokens *Tokens);

  /// Phase 1. \returns false when the position can neither map to the file
  /// nor be placed in a region (its macro tokens were not recorded).
  bool need(const Pos &P);
  bool need(const Span &S) { return need(S.Begin) && need(S.End); }

  /// Phase 2: fills \p P.Text. \returns false if impossible (which phase 1
  /// should have reported).
  bool place(Pos &P) const;
  bool place(Span &S) const;

  /// The text of a placed span.
  std::string textOf(const Span &S, clang::FileID File) const;

  /// Whether \p Loc's token belongs to a region.
  bool inRegion(clang::SourceLocation Loc) const { return regionOf(Loc); }

  /// The file a position's token is written in, or expands in.
  clang::FileID fileOf(const Pos &P) const;

  /// The regions of \p File, in the order of their TextPos::Region - 1.
  std::vector<RegionPlan> regions(clang::FileID File) const;

  /// The name of the outermost macro used at \p Loc, for diagnostics.
  std::string macroNameAt(clang::SourceLocation Loc) const;

private:
  struct FilePosition {
    clang::FileID File;
    unsigned Offset;
  };
  struct Region {
    clang::FileID File;
    unsigned Id; // TextPos::Region
    clang::SourceLocation UseBegin;
    unsigned Begin, End; // in the file
    std::string Text;
    /// Per token of the use: its begin and end in Text.
    std::vector<std::pair<unsigned, unsigned>> TokenOffsets;
  };

  std::optional<FilePosition> toFile(const Pos &P) const;
  clang::SourceLocation useBegin(clang::SourceLocation Loc) const;
  const Region *regionOf(clang::SourceLocation Loc) const;
  bool isDeferArgument(clang::SourceLocation Loc) const;
  bool isDeferBody(clang::SourceLocation Loc) const;
  std::string spellingAt(clang::SourceLocation Loc) const;
  bool makeRegion(clang::SourceLocation UseBegin);

  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
  const MacroTokens *Tokens;
  /// Keyed by the raw location of the use's macro name.
  std::map<unsigned, Region> Regions;
  llvm::DenseMap<clang::FileID, unsigned> RegionCount;
};

} // namespace cxxdefer

#endif // CXXDEFER_LIB_SOURCETEXT_H
