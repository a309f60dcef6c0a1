//===- Emit.cpp - Turn a planned function into source edits ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Emit.h"
#include "FindSites.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/OperatorKinds.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <map>

using namespace clang;

namespace cxxdefer {

namespace {

/// Collects the edits of one function as offsets into one file, merging
/// insertions at the same offset (tooling::Replacements would order them by
/// accident) and insertions at the start of a replacement into it.
class EditList {
public:
  EditList(const SourceManager &SM, FileID File) : SM(SM), File(File) {}

  /// Inserts \p Text at \p Loc; several insertions at one place keep the
  /// order of the calls.
  void insert(SourceLocation Loc, StringRef Text) {
    Inserts[offsetOf(Loc)] += Text;
  }

  /// Replaces [\p Begin, \p End) by \p Text.
  void replace(SourceLocation Begin, SourceLocation End, StringRef Text) {
    Replaced.push_back({offsetOf(Begin), offsetOf(End), Text.str()});
  }

  bool inFile(SourceLocation Loc) const {
    return Loc.isFileID() && SM.getFileID(Loc) == File;
  }

  /// \returns false if two edits overlap.
  bool commit(tooling::Replacements &Out) const {
    StringRef Path = SM.getFileEntryRefForID(File)->getName();
    std::map<unsigned, std::string> Pending = Inserts;
    for (const Replacement &R : Replaced) {
      std::string Text = R.Text;
      auto It = Pending.find(R.Begin);
      if (It != Pending.end()) {
        Text = It->second + Text;
        Pending.erase(It);
      }
      if (llvm::Error Err = Out.add(tooling::Replacement(
              Path, R.Begin, R.End - R.Begin, Text))) {
        llvm::consumeError(std::move(Err));
        return false;
      }
    }
    for (const auto &[Offset, Text] : Pending)
      if (llvm::Error Err =
              Out.add(tooling::Replacement(Path, Offset, 0, Text))) {
        llvm::consumeError(std::move(Err));
        return false;
      }
    return true;
  }

private:
  struct Replacement {
    unsigned Begin, End;
    std::string Text;
  };
  const SourceManager &SM;
  FileID File;
  std::map<unsigned, std::string> Inserts;
  std::vector<Replacement> Replaced;

  unsigned offsetOf(SourceLocation Loc) const {
    return SM.getFileOffset(Loc);
  }
};

/// Spells the defer statements of one function.
class FunctionEmitter {
public:
  FunctionEmitter(const DeferFunction &F, ASTContext &Ctx, EditList &Edits)
      : F(F), SM(Ctx.getSourceManager()), LangOpts(Ctx.getLangOpts()),
        Edits(Edits) {}

  bool run();

private:
  const DeferFunction &F;
  const SourceManager &SM;
  const LangOptions &LangOpts;
  EditList &Edits;

  /// Opens a binder: `ordered::NAME{` in C++17 and later (left-to-right
  /// evaluation of a braced list), `NAME(` in C++14.
  std::string openBinder(StringRef Name) const {
    return LangOpts.CPlusPlus17
               ? ("::cxxdefer::detail::ordered::" + Name + "{").str()
               : ("::cxxdefer::detail::" + Name + "(").str();
  }
  const char *closeBinder() const { return LangOpts.CPlusPlus17 ? "}" : ")"; }

  std::string nameAt(StringRef Prefix, SourceLocation Loc) const {
    return (Prefix + llvm::Twine(SM.getSpellingLineNumber(Loc)) + "_" +
            llvm::Twine(SM.getSpellingColumnNumber(Loc)))
        .str();
  }
  std::string slotName(const DeferSite &Site) const {
    return nameAt("cxxdefer_d", Site.Statement.getBegin());
  }
  std::string frameName(const DeferSite &Site) const {
    return nameAt("cxxdefer_frame", Site.Statement.getBegin());
  }
  std::string bitsName() const {
    return nameAt("cxxdefer_bits_", F.Body->getLBracLoc());
  }

  std::string statementPrefix(const DeferSite &Site) const;
  std::string handler(const std::string &Unwind) const;
  bool emitNamedResult();
  bool emitStatement(const DeferSite &Site);
  void emitSlotsAndRegions(const std::vector<const DeferSite *> &Order);
  void emitFramesAndRegions(const std::vector<const DeferSite *> &Order);
  clang::SourceLocation frameLoc(const DeferSite &Site) const;
  bool declaresBetween(unsigned From, unsigned To) const;
  std::vector<const DeferSite *> declarationOrder() const;
};

} // namespace

/// The text that opens the wrapper keeping \p Op (see Binding).
static std::string openOperand(const Operand &Op) {
  switch (Op.How) {
  case Binding::Reference:
    return "::cxxdefer::detail::ref(";
  case Binding::Value:
    return "::cxxdefer::detail::val(";
  case Binding::ValueConverted:
    return "::cxxdefer::detail::as<" + Op.ConvertTo + ">(";
  case Binding::BitField:
    return "::cxxdefer::detail::val(static_cast<" + Op.ConvertTo + ">(";
  case Binding::Arrow:
    return "::cxxdefer::detail::arrow(";
  }
  llvm_unreachable("unknown Binding");
}

static std::string closeOperand(const Operand &Op) {
  return Op.How == Binding::BitField ? "))" : ")";
}

static const char ForwardArgs[] =
    "(static_cast<decltype(cxxdefer_a)&&>(cxxdefer_a)...); }";

/// The forwarding lambda for an overloaded operator: the operator is
/// spelled again at exit on the kept operands.
static std::string operatorCaller(OverloadedOperatorKind Op,
                                  unsigned Operands) {
  auto Fwd = [](unsigned I) {
    std::string X = "cxxdefer_x" + std::to_string(I);
    return "static_cast<decltype(" + X + ")&&>(" + X + ")";
  };
  std::string Params;
  for (unsigned I = 0; I < Operands; ++I)
    Params += (I ? ", auto&& cxxdefer_x" : "auto&& cxxdefer_x") +
              std::to_string(I);
  std::string Spelling = getOperatorSpelling(Op);
  std::string Body;
  if (Op == OO_Subscript)
    Body = Fwd(0) + "[" + Fwd(1) + "]";
  else if (Operands == 1 && (Op == OO_PlusPlus || Op == OO_MinusMinus))
    Body = Fwd(0) + Spelling; // postfix; prefix forms have no second arg
  else if (Operands == 1)
    Body = Spelling + " " + Fwd(0);
  else
    Body = Fwd(0) + " " + Spelling + " " + Fwd(1);
  return "[](" + Params + ") { (void)(" + Body + "); }";
}

/// Returns the number of line breaks in the source text [Begin, End).
static unsigned lineBreaksBetween(const SourceManager &SM, SourceLocation Begin,
                                  SourceLocation End) {
  bool Invalid = false;
  const char *B = SM.getCharacterData(Begin, &Invalid);
  const char *E = SM.getCharacterData(End, &Invalid);
  return Invalid ? 0 : std::count(B, E, '\n');
}

/// What the defer statement becomes around its bound call: declares an
/// open-coded slot in place, arms a hoisted one, links a stack record or
/// takes a pooled record.
std::string FunctionEmitter::statementPrefix(const DeferSite &Site) const {
  std::string Name = slotName(Site);
  switch (Site.Class) {
  case DeferClass::OpenCoded:
    return Site.Slot == SlotKind::AtStatement
               ? "auto&& " + Name + " = ::cxxdefer::detail::open_coded("
               : Name + ".arm(";
  case DeferClass::StackAllocated:
    return Name + ".push(";
  case DeferClass::HeapAllocated:
    return "::cxxdefer::detail::heap_defer(";
  }
  llvm_unreachable("unknown DeferClass");
}

bool FunctionEmitter::emitStatement(const DeferSite &Site) {
  const CapturePlan &Plan = Site.Plan;
  bool AtStatement = Site.Class == DeferClass::OpenCoded &&
                     Site.Slot == SlotKind::AtStatement;
  std::string Prefix = statementPrefix(Site);

  // The statement is rewritten as glue text between kept source ranges;
  // Pieces[i] is the glue that goes before Kept[i].
  std::vector<std::string> Glue;
  std::vector<CharSourceRange> Kept;
  auto keep = [&](std::string Before, CharSourceRange R) {
    Glue.push_back(std::move(Before));
    Kept.push_back(R);
  };
  const std::vector<Operand> &Ops = Plan.Operands;
  size_t FirstArg = 0;
  std::string Pending; // glue waiting for the next kept range
  switch (Plan.Shape) {
  case CallShape::NamedFunction:
    keep(Prefix + openBinder("bind_free") +
             "[](auto&&... cxxdefer_a) { (void)",
         Plan.CalleeText);
    Pending = ForwardArgs;
    break;
  case CallShape::Member:
    keep(Prefix + openBinder("bind_member") + openOperand(Ops[0]),
         Ops[0].Range);
    keep(closeOperand(Ops[0]) +
             ", [](auto&& cxxdefer_o, auto&&... cxxdefer_a) { "
             "(void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)",
         Plan.CalleeText);
    Pending = ForwardArgs;
    FirstArg = 1;
    break;
  case CallShape::ImplicitThisMember: {
    bool KeywordFirst = Plan.TemplateKeywordAt.isValid() &&
                        SM.getFileOffset(Plan.TemplateKeywordAt) ==
                            SM.getFileOffset(Plan.CalleeText.getBegin());
    keep(Prefix + openBinder("bind_member") +
             "::cxxdefer::detail::val(this), [](auto&& cxxdefer_o, "
             "auto&&... cxxdefer_a) { (void)cxxdefer_o->" +
             (KeywordFirst ? "template " : ""),
         Plan.CalleeText);
    Pending = ForwardArgs;
    break;
  }
  case CallShape::CalleeValue:
    keep(Prefix + openBinder("bind_value") + openOperand(Ops[0]),
         Ops[0].Range);
    Pending = closeOperand(Ops[0]);
    FirstArg = 1;
    break;
  case CallShape::PointerToMember:
    keep(Prefix +
             (LangOpts.CPlusPlus17
                  ? openBinder(Plan.Arrow ? "bind_arrow_star" : "bind_dot_star")
                  : std::string("::cxxdefer::detail::bind_member_pointer<") +
                        (Plan.Arrow ? "true" : "false") + ">(") +
             openOperand(Ops[0]),
         Ops[0].Range);
    keep(closeOperand(Ops[0]) + ", " + openOperand(Ops[1]), Ops[1].Range);
    Pending = closeOperand(Ops[1]);
    FirstArg = 2;
    break;
  case CallShape::Operator:
    keep(Prefix + openBinder("bind_free") +
             operatorCaller(Plan.Op, Ops.size()) + ", " + openOperand(Ops[0]),
         Ops[0].Range);
    Pending = closeOperand(Ops[0]);
    FirstArg = 1;
    break;
  }
  for (size_t I = FirstArg; I < Ops.size(); ++I) {
    keep(Pending + ", " + openOperand(Ops[I]), Ops[I].Range);
    Pending = closeOperand(Ops[I]);
  }
  std::string Tail = Pending + closeBinder() + ")" + ";" +
                     (AtStatement ? " try {" : "");

  // Every kept range must lie in order inside the statement, in its file.
  SourceLocation Cursor = Site.Statement.getBegin();
  SourceLocation StatementEnd = Lexer::getLocForEndOfToken(
      Site.Statement.getEnd(), 0, SM, LangOpts);
  if (!Edits.inFile(Cursor) || !Edits.inFile(StatementEnd))
    return false;
  for (size_t I = 0; I < Kept.size(); ++I) {
    SourceLocation Begin = Kept[I].getBegin(), End = Kept[I].getEnd();
    if (!Edits.inFile(Begin) || !Edits.inFile(End) ||
        SM.isBeforeInTranslationUnit(Begin, Cursor) ||
        SM.isBeforeInTranslationUnit(StatementEnd, End))
      return false;
    Edits.replace(Cursor, Begin,
                  Glue[I] + std::string(lineBreaksBetween(SM, Cursor, Begin),
                                        '\n'));
    Cursor = End;
  }
  Edits.replace(Cursor, StatementEnd,
                Tail + std::string(lineBreaksBetween(SM, Cursor, StatementEnd),
                                   '\n'));
  // Explicit template arguments inside a kept member access.
  if (Plan.TemplateKeywordAt.isValid() &&
      SM.getFileOffset(Plan.TemplateKeywordAt) !=
          SM.getFileOffset(Plan.CalleeText.getBegin()))
    Edits.insert(Plan.TemplateKeywordAt, "template ");
  return true;
}

/// Slots in the order they are declared in the body: by position, hoisted
/// slots before the statement they precede, ties in source order.
std::vector<const DeferSite *> FunctionEmitter::declarationOrder() const {
  std::vector<const DeferSite *> Order;
  for (const DeferSite &Site : F.Sites)
    Order.push_back(&Site);
  // Sites are in source order already; the pointer breaks ties the same way.
  std::sort(Order.begin(), Order.end(),
            [](const DeferSite *A, const DeferSite *B) {
              bool AAt = A->Slot == SlotKind::AtStatement;
              bool BAt = B->Slot == SlotKind::AtStatement;
              return std::tie(A->SlotIndex, AAt, A) <
                     std::tie(B->SlotIndex, BAt, B);
            });
  return Order;
}

/// Declares, before each top-level statement that holds defer statements
/// of a stack/heap function, their stack records and one defer_frame, and
/// opens its try region; closes the regions before the body's `}`.
///
/// Consecutive such statements share one frame when no declaration stands
/// between them: with no local born in between, running the later calls at
/// the earlier frame keeps SPEC 2.5, and each frame costs a chain walk at
/// exit.
void FunctionEmitter::emitFramesAndRegions(
    const std::vector<const DeferSite *> &Order) {
  std::string Closers;
  const DeferSite *FrameOwner = nullptr;
  auto closeFrame = [&] {
    if (!FrameOwner)
      return;
    std::string Frame = frameName(*FrameOwner);
    // A recovery after a throw on the normal exit leaves the frame's
    // destructor as recovered_on_return (cxxdefer/chain.h).
    bool CanRecover = !F.Result.AfterRecovery.empty();
    Edits.insert(frameLoc(*FrameOwner),
                 std::string(CanRecover ? "try { " : "") +
                     "::cxxdefer::detail::defer_frame " + Frame + "(" +
                     F.Result.CanRecover + "); try { ");
    Closers = handler(Frame + ".unwind()") +
              (CanRecover ? "} catch (const "
                            "::cxxdefer::detail::recovered_on_return &) { " +
                                F.Result.AfterRecovery + " } "
                          : "") +
              Closers;
  };
  for (const DeferSite *Site : Order) {
    if (!FrameOwner || declaresBetween(FrameOwner->SlotIndex, Site->SlotIndex)) {
      closeFrame();
      FrameOwner = Site;
    }
    // A stack record goes before its frame, so it outlives the frame's run.
    if (Site->Class == DeferClass::StackAllocated)
      Edits.insert(frameLoc(*FrameOwner), "::cxxdefer::detail::stack_record " +
                                              slotName(*Site) + "; ");
  }
  closeFrame();
  Edits.insert(F.Body->getRBracLoc(), Closers);
}

/// Where the frame (or slot) of \p Site is declared: before the top-level
/// statement classify chose.
SourceLocation FunctionEmitter::frameLoc(const DeferSite &Site) const {
  return SM.getExpansionLoc(
      F.Body->body_begin()[Site.SlotIndex]->getBeginLoc());
}

/// True if a top-level statement in [\p From, \p To) declares something.
bool FunctionEmitter::declaresBetween(unsigned From, unsigned To) const {
  for (unsigned I = From; I < To; ++I) {
    const Stmt *S = F.Body->body_begin()[I];
    while (isa<LabelStmt>(S) || isa<AttributedStmt>(S))
      S = isa<LabelStmt>(S) ? cast<LabelStmt>(S)->getSubStmt()
                            : cast<AttributedStmt>(S)->getSubStmt();
    if (isa<DeclStmt>(S))
      return true;
  }
  return false;
}

void FunctionEmitter::emitSlotsAndRegions(
    const std::vector<const DeferSite *> &Order) {
  bool AnyHoisted = llvm::any_of(F.Sites, [](const DeferSite &S) {
    return S.Slot == SlotKind::Hoisted;
  });
  if (AnyHoisted)
    Edits.insert(F.Body->getLBracLoc().getLocWithOffset(1),
                 " unsigned char " + bitsName() + " = 0;");
  std::string Closers;
  for (const DeferSite *Site : Order) {
    std::string Name = slotName(*Site);
    if (Site->Slot == SlotKind::Hoisted) {
      Edits.insert(frameLoc(*Site), "::cxxdefer::detail::cond_slot<" +
                       std::to_string(Site->Bit) + "> " + Name + "(" +
                       bitsName() + "); try { ");
    }
    Closers = handler(Name + ".unwind(" + F.Result.CanRecover + ")") + Closers;
  }
  Edits.insert(F.Body->getRBracLoc(), Closers);
}

/// The end of a slot's or frame's try region: run the deferred calls with
/// the exception current (\p Unwind), return if one recovered it, else
/// rethrow.
std::string FunctionEmitter::handler(const std::string &Unwind) const {
  std::string Text = "} catch (...) { ";
  if (F.Result.AfterRecovery.empty())
    Text += Unwind + "; ";
  else
    Text += "if (" + Unwind + ") " + F.Result.AfterRecovery + " ";
  return Text + "::cxxdefer::detail::rethrow(); } ";
}

/// Go's named result: a local the return statements assign, returned after
/// the deferred calls ran (NamedResult.h).
bool FunctionEmitter::emitNamedResult() {
  llvm::DenseSet<const DeclRefExpr *> Returned; // `return __result;`
  for (const ReturnStmt *Return : F.ReturnStatements) {
    SourceLocation Keyword = Return->getReturnLoc();
    SourceLocation Last = Return->getEndLoc();
    if (!Edits.inFile(Keyword) || !Edits.inFile(Last))
      return false;
    std::optional<Token> Semi = Lexer::findNextToken(Last, SM, LangOpts);
    if (!Semi || !Semi->is(tok::semi) || !Edits.inFile(Semi->getLocation()))
      return false;
    SourceLocation AfterSemi = Semi->getLocation().getLocWithOffset(1);
    const Expr *Value = Return->getRetValue();
    // `return __result;` (whose AST before the rewrite is a conversion of
    // the placeholder): the value is already in place, and assigning it to
    // itself would draw -Wself-assign.
    const DeclRefExpr *Itself = nullptr;
    bool Invalid = false;
    StringRef Operand =
        StringRef(SM.getCharacterData(Keyword.getLocWithOffset(6), &Invalid),
                  SM.getFileOffset(Semi->getLocation()) -
                      SM.getFileOffset(Keyword.getLocWithOffset(6)))
            .trim();
    for (const DeclRefExpr *Ref : F.ResultRefs)
      if (!Invalid && Operand == "__result" &&
          SM.isBeforeInTranslationUnit(Keyword, SM.getFileLoc(Ref->getBeginLoc())) &&
          SM.isBeforeInTranslationUnit(SM.getFileLoc(Ref->getBeginLoc()),
                                       Semi->getLocation()))
        Itself = Ref;
    if (Itself) {
      Returned.insert(Itself);
      Edits.replace(Keyword, AfterSemi,
                    "goto cxxdefer_return;" +
                        std::string(lineBreaksBetween(SM, Keyword, AfterSemi),
                                    '\n'));
      continue;
    }
    Edits.replace(Keyword, Keyword.getLocWithOffset(6),
                  Value ? "{ cxxdefer_result =" : "{");
    Edits.replace(Semi->getLocation(), AfterSemi, "; goto cxxdefer_return; }");
  }
  for (const DeclRefExpr *Ref : F.ResultRefs) {
    if (Returned.count(Ref))
      continue;
    SourceLocation Name = spelledInFile(SM, Ref->getLocation());
    if (Name.isInvalid() || !Edits.inFile(Name))
      return false;
    Edits.replace(Name, Name.getLocWithOffset(8), "cxxdefer_result");
  }
  return true;
}

bool FunctionEmitter::run() {
  if (!F.Result.FinalReturn.empty())
    Edits.insert(F.Body->getLBracLoc().getLocWithOffset(1),
                 F.Result.Named ? " " + F.Result.Type + " cxxdefer_result{}; {"
                                : " {");
  if (F.Result.Named && !emitNamedResult())
    return false;
  for (const DeferSite &Site : F.Sites)
    if (!emitStatement(Site))
      return false;
  if (F.Sites.front().Class == DeferClass::OpenCoded)
    emitSlotsAndRegions(declarationOrder());
  else
    emitFramesAndRegions(declarationOrder());
  if (!F.Result.FinalReturn.empty())
    Edits.insert(F.Body->getRBracLoc(),
                 "} cxxdefer_return: " + F.Result.FinalReturn + " ");
  return true;
}

bool emitFunction(const DeferFunction &F, ASTContext &Ctx,
                   tooling::Replacements &Edits,
                   std::vector<Finding> &Findings) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = F.Body->getLBracLoc();
  auto fail = [&] {
    Findings.push_back(
        {FindingLevel::Error, F.Sites.front().Statement.getBegin(),
         "cannot rewrite the defer statements of this function: its body, "
         "a return statement or a use of '__result' is not written out in "
         "its file (it comes from a macro expansion)"});
    return false;
  };
  if (!Begin.isFileID() || !F.Body->getRBracLoc().isFileID())
    return fail();
  EditList List(SM, SM.getFileID(Begin));
  if (!FunctionEmitter(F, Ctx, List).run())
    return fail();
  if (!List.commit(Edits)) {
    Findings.push_back({FindingLevel::Error,
                        F.Sites.front().Statement.getBegin(),
                        "internal error: overlapping edits for the defer "
                        "statements of this function"});
    return false;
  }
  return true;
}

} // namespace cxxdefer
