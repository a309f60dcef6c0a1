//===- PlanInvariants.cpp - What printing assumes of a plan ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "PlanInvariants.h"
#include <set>

namespace cxxdefer {

namespace {

/// Walks one function's plan; remembers the first broken assumption.
class Checker {
public:
  Checker(const FunctionPlan &F, const FilePlan &File) : F(F), File(File) {}

  std::string run() {
    placed(F.BodyBegin);
    placed(F.BodyEnd);
    for (const Pos &P : F.TopLevel)
      placed(P);
    if (!check(!F.Sites.empty(), "a function plan without defer statements"))
      return Broken;
    checkNames();
    bool Open = F.Sites.front().Class == Tier::OpenCoded;
    check(Open == F.Frames.empty(), "frames in an open-coded function");
    std::set<unsigned> Bits;
    for (const SitePlan &Site : F.Sites) {
      checkSite(Site, Open);
      if (Site.Where == Storage::HoistedSlot)
        check(Bits.insert(Site.Bit).second, "two slots share a deferBits bit");
    }
    for (const FramePlan &Frame : F.Frames)
      check(Frame.SlotIndex < F.TopLevel.size(),
            "a frame before a statement the body does not have");
    checkResult();
    for (const Span &Keyword : F.ConstexprKeywords)
      span(Keyword);
    return Broken;
  }

private:
  const FunctionPlan &F;
  const FilePlan &File;
  std::string Broken;

  bool check(bool Ok, const char *What) {
    if (!Ok && Broken.empty())
      Broken = What;
    return Ok;
  }

  /// \p P lies in a text the printer edits.
  bool placed(const Pos &P) {
    if (!check(P.Text.Region <= File.Regions.size(),
               "a position in a macro use the file does not have"))
      return false;
    size_t Size = P.Text.Region == 0
                      ? File.Original.size()
                      : File.Regions[P.Text.Region - 1].Text.size();
    return check(P.Text.Offset <= Size, "a position past the end of its text");
  }

  /// \p S lies in one text, its end not before its begin.
  bool span(const Span &S) {
    return placed(S.Begin) && placed(S.End) &&
           check(S.Begin.Text.Region == S.End.Text.Region,
                 "a span across two texts") &&
           check(!(S.End.Text < S.Begin.Text), "a span that ends before it "
                                               "begins");
  }

  /// Every generated local has a name of its own.
  void checkNames() {
    std::set<std::string> Names;
    auto unique = [&](const std::string &Name) {
      if (check(!Name.empty(), "a generated local without a name"))
        check(Names.insert(Name).second, "two generated locals share a name");
    };
    for (const SitePlan &Site : F.Sites) {
      unique(Site.Name);
      if (Site.Where == Storage::HoistedSlot)
        unique(Site.Store);
      if (!Site.Caller.empty())
        unique(Site.Caller);
      for (const HeldCapability &H : Site.Held)
        unique(H.Name);
    }
    for (const FramePlan &Frame : F.Frames)
      unique(Frame.Name);
    if (!F.BitsName.empty())
      unique(F.BitsName);
  }

  void checkSite(const SitePlan &Site, bool Open) {
    check((Site.Class == Tier::OpenCoded) == Open,
          "open-coded and other defer statements in one function");
    switch (Site.Where) {
    case Storage::Slot:
      check(Site.Class == Tier::OpenCoded, "a slot for a defer statement that "
                                           "is not open-coded");
      break;
    case Storage::HoistedSlot:
      check(Site.Class == Tier::OpenCoded, "a slot for a defer statement that "
                                           "is not open-coded");
      check(Site.SlotIndex < F.TopLevel.size(),
            "a slot before a statement the body does not have");
      check(!F.BitsName.empty(), "a hoisted slot without a deferBits byte");
      check(Site.Bit < 8, "a deferBits bit beyond its byte");
      break;
    case Storage::StackRecord:
    case Storage::HeapRecord:
      check(Site.Class == (Site.Where == Storage::StackRecord
                               ? Tier::StackAllocated
                               : Tier::HeapAllocated),
            "a record in the wrong tier");
      check(Site.Frame < F.Frames.size(), "a record in a frame that does not "
                                          "exist");
      break;
    }
    check(Site.Caller.empty() || Site.Where == Storage::HoistedSlot,
          "a caller declared apart from a slot that is not hoisted");
    check(Site.Caller.empty()
              ? Site.KeptTypes.empty()
              : !Site.Call.PerInstantiation && !Site.Call.BuildInPlace,
          "a typed slot for a call whose type is known only at its "
          "statement");
    placed(Site.AfterSemicolon);
    for (const HeldCapability &H : Site.Held)
      check(!H.Spelling.empty(), "a held capability without its expression");
    if (span(Site.Statement))
      checkCall(Site.Call, Site.Statement);
  }

  void checkCall(const CallPlan &Call, const Span &Statement) {
    switch (Call.Shape) {
    case CallShape::NamedFunction:
    case CallShape::ImplicitThisMember:
      check(!Call.Callee.empty(), "a call without its callee");
      break;
    case CallShape::Member:
      check(!Call.Callee.empty(), "a call without its callee");
      check(!Call.Operands.empty(), "a member call without its object");
      break;
    case CallShape::CalleeValue:
      check(!Call.Operands.empty(), "a call without its callee");
      break;
    case CallShape::PointerToMember:
      check(Call.Operands.size() >= 2, "a call through a member pointer "
                                       "without object and member pointer");
      break;
    case CallShape::Operator:
      check(Call.Operands.size() == 1 || Call.Operands.size() == 2,
            "an operator call with neither one nor two operands");
      check(Call.Op != clang::OO_Subscript || Call.Operands.size() == 2,
            "a subscript without its index");
      break;
    }
    check(Call.TemplateKeywordAt == std::string::npos ||
              Call.TemplateKeywordAt <= Call.Callee.size(),
          "'template' inserted past the callee's end");

    // The statement's text is cut at the operands the printer keeps in
    // place: they must follow each other inside it.
    TextPos Cursor = Statement.Begin.Text;
    auto kept = [&](const Span &S) {
      if (!span(S))
        return;
      check(S.Begin.Text.Region == Statement.Begin.Text.Region &&
                !(S.Begin.Text < Cursor) && !(Statement.End.Text < S.End.Text),
            "an operand outside its statement, or before the one it follows");
      Cursor = S.End.Text;
    };
    for (const OperandPlan &Op : Call.Operands) {
      checkOperand(Op, Call.PerInstantiation);
      if (Op.isDefaultArgument() ||
          (Op.How == Keep::Spelled && !Call.PerInstantiation))
        continue;
      if (Op.How == Keep::InitializerList && !Call.PerInstantiation) {
        for (const OperandPlan &Elem : Op.Elements)
          kept(Elem.Text);
        continue;
      }
      kept(Op.Text);
    }
    if (Call.PerInstantiation)
      checkTable(Call);
  }

  void checkOperand(const OperandPlan &Op, bool InTable) {
    switch (Op.How) {
    case Keep::Conversion:
    case Keep::InPlace:
    case Keep::BitField:
      check(!Op.Type.empty(), "a converted operand without its type");
      break;
    case Keep::InitializerList:
      check(!Op.Type.empty(), "an initializer list without its element type");
      check(!InTable && !Op.isDefaultArgument(),
            "an initializer list that is not written in the call");
      for (const OperandPlan &Elem : Op.Elements)
        check(Elem.How == Keep::InPlace && !Elem.Type.empty(),
              "an initializer list's element not built in place");
      break;
    case Keep::Spelled:
      check(!Op.Spelling.empty(), "a literal moved without its text");
      check(!InTable && !Op.isDefaultArgument(),
            "a literal moved out of a table's thunk");
      break;
    case Keep::Reference:
    case Keep::Value:
    case Keep::Arrow:
      break;
    }
    check(!Op.PerInstantiation || InTable,
          "an operand bound per instantiation outside a table");
    check(!Op.PerInstantiation || !Op.isDefaultArgument(),
          "a default argument bound per instantiation");
  }

  /// One entry per instantiation, one binding per kept operand.
  void checkTable(const CallPlan &Call) {
    size_t This = Call.Shape == CallShape::ImplicitThisMember ? 1 : 0;
    for (const InstantiationPlan &Entry : Call.Instantiations) {
      if (!check(Entry.KeyTypes.size() == Call.Operands.size() + This &&
                     Entry.Bindings.size() == Entry.KeyTypes.size() &&
                     Entry.BindingTypes.size() == Entry.KeyTypes.size(),
                 "a table entry that does not bind every operand"))
        return;
      for (size_t I = 0; I < Call.Operands.size(); ++I)
        check(Entry.KeyTypes[I + This].empty() !=
                  Call.Operands[I].PerInstantiation,
              "a table entry keyed on an operand bound as written");
      for (size_t B = 0; B < Entry.Bindings.size(); ++B)
        check(Entry.Bindings[B] != Keep::Conversion ||
                  !Entry.BindingTypes[B].empty(),
              "a table entry's conversion without its type");
    }
  }

  void checkResult() {
    const ResultPlan &R = F.Result;
    bool NeedsType = (R.Strategy != ResultStrategy::Untouched &&
                      R.Strategy != ResultStrategy::CoReturnAfterDefers) ||
                     R.CanRecover == ResultPlan::IfValueInitialisable ||
                     R.TrackReturned ||
                     (R.ReturnInHandler && !R.ReturnsNothing &&
                      R.CanRecover != ResultPlan::No);
    check(!NeedsType || !R.Type.empty(), "a result without its type");
    for (const ReturnPlan &Return : R.Returns) {
      span(Return.Keyword);
      span(Return.Semicolon);
      check(Return.Keyword.Begin.Text.Region !=
                    Return.Semicolon.End.Text.Region ||
                !(Return.Semicolon.End.Text < Return.Keyword.Begin.Text),
            "a return statement's ';' before its keyword");
      if (R.TrackReturned && Return.TrackedVariable.empty())
        span(Return.Value);
    }
    for (const Span &Ref : R.References)
      span(Ref);
  }
};

} // namespace

std::string brokenInvariant(const FunctionPlan &F, const FilePlan &File) {
  return Checker(F, File).run();
}

} // namespace cxxdefer
