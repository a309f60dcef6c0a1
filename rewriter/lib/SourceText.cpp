//===- SourceText.cpp - Where the printer may edit the user's text --------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "SourceText.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include <algorithm>
#include <cassert>

using namespace clang;

namespace cxxdefer {

MacroTokens::MacroTokens(Preprocessor &PP)
    : SM(PP.getSourceManager()), System(SM) {
  PP.setTokenWatcher([this](const clang::Token &T) { record(T); });
}

void MacroTokens::record(const clang::Token &T) {
  SourceLocation Loc = T.getLocation();
  if (!Loc.isMacroID() || T.isAnnotation())
    return;
  SourceLocation Use = SM.getExpansionRange(Loc).getBegin();
  if (System.contains(Use))
    return;
  unsigned Index = Tokens.size();
  Tokens.push_back({Loc, T.getLength(), T.hasLeadingSpace(), T.getKind()});
  ByLocation[Loc.getRawEncoding()] = Index;
  auto [It, New] =
      Uses.try_emplace(Use.getRawEncoding(), std::make_pair(Index, Index + 1));
  if (!New) {
    // The tokens of one use are lexed one after another.
    assert(It->second.second == Index && "interleaved macro uses");
    It->second.second = Index + 1;
  }
}

llvm::ArrayRef<MacroTokens::Token>
MacroTokens::use(SourceLocation UseBegin) const {
  auto It = Uses.find(UseBegin.getRawEncoding());
  if (It == Uses.end())
    return {};
  return llvm::ArrayRef<Token>(Tokens).slice(
      It->second.first, It->second.second - It->second.first);
}

std::optional<unsigned> MacroTokens::indexInUse(SourceLocation Loc) const {
  auto It = ByLocation.find(Loc.getRawEncoding());
  if (It == ByLocation.end())
    return std::nullopt;
  SourceLocation Use = SM.getExpansionRange(Loc).getBegin();
  return It->second - Uses.find(Use.getRawEncoding())->second.first;
}

std::optional<MacroTokens::Token>
MacroTokens::nextInUse(SourceLocation Loc) const {
  auto It = ByLocation.find(Loc.getRawEncoding());
  if (It == ByLocation.end())
    return std::nullopt;
  SourceLocation Use = SM.getExpansionRange(Loc).getBegin();
  if (It->second + 1 >= Uses.find(Use.getRawEncoding())->second.second)
    return std::nullopt;
  return Tokens[It->second + 1];
}

std::shared_ptr<MacroTokens> recordMacroTokens(Preprocessor &PP) {
  return std::make_shared<MacroTokens>(PP);
}

Placement::Placement(const SourceManager &SM, const LangOptions &LO,
                     const MacroTokens *Tokens)
    : SM(SM), LO(LO), Tokens(Tokens) {}

/// The spelling of the token at \p Loc.
std::string Placement::spellingAt(SourceLocation Loc) const {
  llvm::SmallString<32> Buffer;
  bool Invalid = false;
  StringRef Spelling =
      Lexer::getSpelling(SM.getSpellingLoc(Loc), Buffer, SM, LO, &Invalid);
  return Invalid ? "" : Spelling.str();
}

/// True if \p Loc, a macro argument expansion, is an argument of the
/// parse-only `__defer`/`__errdefer` (cxxdefer/parse_only.h), which uses
/// its argument exactly once and whose whole text the printer replaces.
bool Placement::isDeferArgument(SourceLocation Loc) const {
  const SrcMgr::ExpansionInfo &Expansion =
      SM.getSLocEntry(SM.getFileID(Loc)).getExpansion();
  // Where the parameter is used in the macro's body, then the use's name.
  SourceLocation Name =
      SM.getImmediateExpansionRange(Expansion.getExpansionLocStart())
          .getBegin();
  return spellingAt(Name) == "__defer" || spellingAt(Name) == "__errdefer";
}

/// True if \p Loc, a macro body token, comes from the body of the
/// parse-only `__defer`/`__errdefer`, which the printer replaces whole.
bool Placement::isDeferBody(SourceLocation Loc) const {
  std::string Name = spellingAt(SM.getImmediateExpansionRange(Loc).getBegin());
  return Name == "__defer" || Name == "__errdefer";
}

std::optional<Placement::FilePosition> Placement::toFile(const Pos &P) const {
  SourceLocation L = P.Token;
  while (L.isMacroID()) {
    SourceLocation Edge;
    if (SM.isMacroArgExpansion(L)) {
      if (!isDeferArgument(L))
        return std::nullopt;
      L = SM.getImmediateSpellingLoc(L);
    } else if (isDeferBody(L)) {
      // A token of the parse-only expansion itself: the statement's edge.
      CharSourceRange Use = SM.getImmediateExpansionRange(L);
      L = P.At == Pos::Before ? Use.getBegin() : Use.getEnd();
    } else if (P.At == Pos::Before &&
               SM.isAtStartOfImmediateMacroExpansion(L, &Edge))
      L = Edge;
    else if (P.At == Pos::After &&
             SM.isAtEndOfImmediateMacroExpansion(L, &Edge))
      L = Edge;
    else
      return std::nullopt;
  }
  auto [File, Offset] = SM.getDecomposedLoc(L);
  if (P.At == Pos::After)
    Offset += Lexer::MeasureTokenLength(L, SM, LO);
  return FilePosition{File, Offset};
}

SourceLocation Placement::useBegin(SourceLocation Loc) const {
  return SM.getExpansionRange(Loc).getBegin();
}

const Placement::Region *Placement::regionOf(SourceLocation Loc) const {
  if (!Loc.isMacroID())
    return nullptr;
  auto It = Regions.find(useBegin(Loc).getRawEncoding());
  return It == Regions.end() ? nullptr : &It->second;
}

/// Whether two tokens spelled one after the other would lex as one.
static bool wouldJoin(StringRef Left, StringRef Right) {
  if (Left.empty() || Right.empty())
    return false;
  auto Word = [](char C) {
    return isalnum(static_cast<unsigned char>(C)) || C == '_';
  };
  char L = Left.back(), R = Right.front();
  if (Word(L) && (Word(R) || R == '"' || R == '\''))
    return true;
  StringRef Joinable = "+-*/%&|^<>=!:.#";
  return Joinable.contains(L) && Joinable.contains(R);
}

bool Placement::makeRegion(SourceLocation UseBegin) {
  if (Regions.count(UseBegin.getRawEncoding()))
    return true;
  llvm::ArrayRef<MacroTokens::Token> Use =
      Tokens ? Tokens->use(UseBegin) : llvm::ArrayRef<MacroTokens::Token>();
  if (Use.empty())
    return false;
  Region R;
  R.File = SM.getFileID(UseBegin);
  R.UseBegin = UseBegin;
  CharSourceRange InFile = SM.getExpansionRange(Use.front().Loc);
  R.Begin = SM.getFileOffset(InFile.getBegin());
  R.End = SM.getFileOffset(InFile.getEnd()) +
          (InFile.isTokenRange()
               ? Lexer::MeasureTokenLength(InFile.getEnd(), SM, LO)
               : 0);
  StringRef Previous;
  for (const MacroTokens::Token &T : Use) {
    const char *Data = SM.getCharacterData(SM.getSpellingLoc(T.Loc));
    StringRef Spelling(Data, T.Length);
    if (!R.Text.empty() && (T.LeadingSpace || wouldJoin(Previous, Spelling)))
      R.Text += ' ';
    unsigned Begin = R.Text.size();
    R.Text += Spelling;
    R.TokenOffsets.push_back({Begin, unsigned(R.Text.size())});
    Previous = Spelling;
  }
  R.Id = ++RegionCount[R.File];
  Regions.emplace(UseBegin.getRawEncoding(), std::move(R));
  return true;
}

bool Placement::need(const Pos &P) {
  if (P.Token.isInvalid())
    return false;
  if (toFile(P))
    return true;
  return makeRegion(useBegin(P.Token));
}

bool Placement::place(Pos &P) const {
  if (const Region *R = regionOf(P.Token)) {
    std::optional<unsigned> Index =
        Tokens ? Tokens->indexInUse(P.Token) : std::nullopt;
    if (!Index || *Index >= R->TokenOffsets.size())
      return false;
    const auto &[Begin, End] = R->TokenOffsets[*Index];
    P.Text = {R->Id, P.At == Pos::Before ? Begin : End};
    return true;
  }
  std::optional<FilePosition> F = toFile(P);
  if (!F)
    return false;
  P.Text = {0, F->Offset};
  return true;
}

bool Placement::place(Span &S) const {
  return place(S.Begin) && place(S.End) &&
         S.Begin.Text.Region == S.End.Text.Region &&
         !(S.End.Text < S.Begin.Text);
}

FileID Placement::fileOf(const Pos &P) const {
  return SM.getFileID(SM.getExpansionLoc(P.Token));
}

std::string Placement::textOf(const Span &S, FileID File) const {
  assert(S.Begin.Text.Region == S.End.Text.Region && "span across texts");
  StringRef Text;
  if (S.Begin.Text.Region == 0) {
    Text = SM.getBufferData(File);
  } else {
    for (const auto &[Key, R] : Regions)
      if (R.File == File && R.Id == S.Begin.Text.Region)
        Text = R.Text;
  }
  return Text.slice(S.Begin.Text.Offset, S.End.Text.Offset).str();
}

std::vector<RegionPlan> Placement::regions(FileID File) const {
  std::vector<RegionPlan> Out(RegionCount.lookup(File));
  StringRef FileText = SM.getBufferData(File);
  for (const auto &[Key, R] : Regions) {
    if (R.File != File)
      continue;
    RegionPlan &P = Out[R.Id - 1];
    P.Begin = R.Begin;
    P.End = R.End;
    P.Text = R.Text;
    P.LineBreaks = FileText.slice(R.Begin, R.End).count('\n');
  }
  return Out;
}

std::string Placement::macroNameAt(SourceLocation Loc) const {
  if (!Loc.isMacroID())
    return "";
  return spellingAt(useBegin(Loc));
}

} // namespace cxxdefer
