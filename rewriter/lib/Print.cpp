//===- Print.cpp - Turn a plan into text ----------------------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Print.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <cassert>
#include <map>
#include <optional>

using namespace clang;

namespace cxxdefer {

namespace {

/// Runtime names, from the one list (RuntimeAbi.def).
namespace abi {
#define CXXDEFER_ABI(Id, Spelling) constexpr const char *Id = Spelling;
#include "RuntimeAbi.def"
} // namespace abi

/// The edits of one text (the file, or one macro use's expansion), as
/// offsets. Insertions at one offset keep the order they were made in, and
/// come before a replacement that starts there.
class EditList {
public:
  void insert(unsigned Offset, llvm::StringRef Text) {
    Inserts[Offset] += Text;
  }
  void replace(unsigned Begin, unsigned End, std::string Text) {
    assert(Begin <= End && "replacement ends before it begins");
    Replaced.push_back({Begin, End, std::move(Text)});
  }
  bool empty() const { return Inserts.empty() && Replaced.empty(); }

  /// Every edit as (begin, end, text), an insertion at a replacement's
  /// begin merged into it, sorted by position.
  std::vector<std::tuple<unsigned, unsigned, std::string>> merged() const {
    std::vector<std::tuple<unsigned, unsigned, std::string>> All;
    std::map<unsigned, std::string> Pending = Inserts;
    for (const auto &R : Replaced) {
      std::string T = R.Text;
      auto It = Pending.find(R.Begin);
      if (It != Pending.end()) {
        T = It->second + T;
        Pending.erase(It);
      }
      All.emplace_back(R.Begin, R.End, std::move(T));
    }
    for (auto &[Offset, T] : Pending)
      All.emplace_back(Offset, Offset, T);
    llvm::sort(All, [](const auto &A, const auto &B) {
      return std::tie(std::get<0>(A), std::get<1>(A)) <
             std::tie(std::get<0>(B), std::get<1>(B));
    });
    return All;
  }

  /// Applies the edits to \p Text. \returns false if two overlap.
  bool apply(llvm::StringRef Text, std::string &Out) const {
    unsigned Cursor = 0;
    Out.clear();
    for (const auto &[Begin, End, T] : merged()) {
      if (Begin < Cursor || End > Text.size())
        return false;
      Out += Text.slice(Cursor, Begin);
      Out += T;
      Cursor = End;
    }
    Out += Text.substr(Cursor);
    return true;
  }

  /// The edits as tooling::Replacements of \p Path.
  llvm::Error into(llvm::StringRef Path, tooling::Replacements &Out) const {
    for (const auto &[Begin, End, T] : merged())
      if (llvm::Error E =
              Out.add(tooling::Replacement(Path, Begin, End - Begin, T)))
        return E;
    return llvm::Error::success();
  }

  /// Whether an edit touches [Begin, End].
  bool touches(unsigned Begin, unsigned End) const {
    for (const auto &[Offset, T] : Inserts)
      if (Offset > Begin && Offset < End)
        return true;
    for (const auto &R : Replaced)
      if (R.End > Begin && R.Begin < End)
        return true;
    return false;
  }

private:
  struct Replacement {
    unsigned Begin, End;
    std::string Text;
  };
  std::map<unsigned, std::string> Inserts;
  std::vector<Replacement> Replaced;
};

std::string fwd(llvm::StringRef Name) {
  return ("static_cast<decltype(" + Name + ")&&>(" + Name + ")").str();
}

/// Writes the edits of one function.
class FunctionPrinter {
public:
  FunctionPrinter(const FilePlan &File, const FunctionPlan &F,
                  std::vector<EditList> &Edits, bool FirstInFile)
      : File(File), F(F), Edits(Edits), FirstInFile(FirstInFile) {}

  void run();

private:
  const FilePlan &File;
  const FunctionPlan &F;
  std::vector<EditList> &Edits;
  bool FirstInFile;

  void insert(const Pos &P, llvm::StringRef Text) {
    assert(P.Text.Region < Edits.size() && "a position in no text");
    Edits[P.Text.Region].insert(P.Text.Offset, Text);
  }
  /// Replaces [Begin, End) by \p Text, keeping the line breaks it had.
  void replace(const Pos &Begin, const Pos &End, std::string Text) {
    assert(Begin.Text.Region == End.Text.Region && "edit across texts");
    assert(Begin.Text.Region < Edits.size() && "a position in no text");
    Text += std::string(lineBreaks(Begin, End), '\n');
    Edits[Begin.Text.Region].replace(Begin.Text.Offset, End.Text.Offset,
                                     std::move(Text));
  }
  unsigned lineBreaks(const Pos &Begin, const Pos &End) const {
    llvm::StringRef Text =
        Begin.Text.Region == 0
            ? llvm::StringRef(File.Original)
            : llvm::StringRef(File.Regions[Begin.Text.Region - 1].Text);
    return Text.slice(Begin.Text.Offset, End.Text.Offset).count('\n');
  }

  bool handled(Exit E) const { return F.Exceptions && E != Exit::Guard; }
  std::optional<std::string> afterRecovery() const;
  std::string handler(const std::string &Unwind, Exit E) const;
  std::string canRecover() const;

  void printSite(const SitePlan &Site);
  std::string caller(const CallPlan &Call) const;
  std::string table(const CallPlan &Call) const;
  bool armedInText(const SitePlan &Site) const;
  bool madeByLambda(const SitePlan &Site) const;
  std::string statementPrefix(const SitePlan &Site) const;
  std::string statementSuffix(const SitePlan &Site) const;
  std::string hoistedStore(const SitePlan &Site) const;
  void printSlots(const std::vector<const SitePlan *> &Order);
  void printFrames();
  void printResult();
  std::vector<const SitePlan *> declarationOrder() const;
};

std::string FunctionPrinter::canRecover() const {
  switch (F.Result.CanRecover) {
  case ResultPlan::No:
    return "false";
  case ResultPlan::Yes:
    return "true";
  case ResultPlan::IfValueInitialisable:
    return std::string(abi::Recovery) + "<" + F.Result.Type + ">::possible";
  }
  llvm_unreachable("unknown ResultPlan::Recover");
}

/// What a handler does once a deferred call recovered: nothing when none
/// can (nullopt); fall off its end (empty); or return the value-initialised
/// result from a constexpr function, which may have no label.
std::optional<std::string> FunctionPrinter::afterRecovery() const {
  const ResultPlan &R = F.Result;
  if (R.CanRecover == ResultPlan::No)
    return std::nullopt;
  // Every handler closes at the body's end, just before the label
  // `cxxdefer_return:` (run()) or the end of a body that returns nothing
  // (a coroutine that can recover has return_void()), so falling off a
  // handler leaves the function: no `goto` or `return`, which at -O0 costs
  // a cleanup-destination switch at every exit.
  if (R.ReturnsNothing || !R.ReturnInHandler) {
    assert((R.ReturnsNothing || R.Strategy != ResultStrategy::Untouched) &&
           "a result that can be recovered without a label to return it");
    return std::string();
  }
  return "return " + std::string(abi::Recovery) + "<" + R.Type + ">::value();";
}

/// The end of a slot's or frame's try region: run the deferred calls with
/// the exception current (\p Unwind), leave the function if one recovered
/// it, else rethrow.
std::string FunctionPrinter::handler(const std::string &Unwind, Exit E) const {
  std::string Text = "} catch (...) { ";
  std::optional<std::string> After = afterRecovery();
  std::string Rethrow = std::string(abi::Rethrow) + "(); } ";
  if (E != Exit::Recovering || !After)
    return Text + Unwind + "; " + Rethrow;
  if (After->empty())
    return Text + "if (!" + Unwind + ") " + Rethrow;
  return Text + "if (" + Unwind + ") " + *After + " " + Rethrow;
}

/// The caller lambda: spells the callee as the user wrote it and forwards
/// the kept operands at exit.
std::string FunctionPrinter::caller(const CallPlan &Call) const {
  // Arguments after the callee/object: each a parameter, or a braced group
  // of parameters for a std::initializer_list, or a literal spelled again.
  // Only those make the arguments differ from the kept operands.
  bool HasList = llvm::any_of(Call.Operands, [](const OperandPlan &Op) {
    return Op.How == Keep::InitializerList || Op.How == Keep::Spelled;
  });
  size_t FirstArg = 0;
  switch (Call.Shape) {
  case CallShape::Member:
  case CallShape::CalleeValue:
    FirstArg = 1;
    break;
  case CallShape::PointerToMember:
    FirstArg = 2;
    break;
  default:
    break;
  }
  std::string Callee = Call.Callee;
  assert((!Callee.empty() || Call.Shape == CallShape::CalleeValue ||
          Call.Shape == CallShape::PointerToMember ||
          Call.Shape == CallShape::Operator) &&
         "a named callee without its text");
  if (Call.TemplateKeywordAt != std::string::npos)
    Callee.insert(Call.TemplateKeywordAt, "template ");

  std::string Params, Args;
  // A destructor call takes no arguments, not even an empty pack (Clang
  // rejects `p->~T(a...)`).
  bool Destructor = Call.Shape == CallShape::Member &&
                    Callee.find('~') != std::string::npos &&
                    Call.Operands.size() == FirstArg;
  if (Destructor) {
    // No parameters, no arguments.
  } else if (!HasList && Call.Shape != CallShape::Operator) {
    Params = "auto&&... cxxdefer_a";
    Args = fwd("cxxdefer_a") + "...";
  } else {
    unsigned N = 0;
    auto param = [&] {
      std::string Name = "cxxdefer_a" + std::to_string(N++);
      Params += (Params.empty() ? "auto&& " : ", auto&& ") + Name;
      return fwd(Name);
    };
    for (size_t I = FirstArg; I < Call.Operands.size(); ++I) {
      const OperandPlan &Op = Call.Operands[I];
      if (!Args.empty())
        Args += ", ";
      if (Op.How == Keep::Spelled) {
        Args += Op.Spelling;
        continue;
      }
      if (Op.How != Keep::InitializerList) {
        Args += param();
        continue;
      }
      Args += "{";
      for (size_t E = 0; E < Op.Elements.size(); ++E)
        Args += (E ? ", " : "") + param();
      Args += "}";
    }
  }

  // Where the callee has thread-safety attributes, the lambda that calls
  // it at exit is not analysed (cxxdefer/thread_safety.h).
  std::string Body =
      Call.NotAnalysed
          ? std::string(") ") + abi::NoThreadSafetyAnalysis + " { (void)"
          : std::string(") { (void)");
  switch (Call.Shape) {
  case CallShape::NamedFunction:
    return "[](" + Params + Body + Callee + "(" + Args + "); }";
  case CallShape::Member:
    return "[](auto&& cxxdefer_o" + (Params.empty() ? "" : ", " + Params) +
           Body + fwd("cxxdefer_o") + Callee + "(" + Args + "); }";
  case CallShape::ImplicitThisMember:
    return "[](auto&& cxxdefer_o" + (Params.empty() ? "" : ", " + Params) +
           Body + "cxxdefer_o->" + Callee + "(" + Args + "); }";
  case CallShape::CalleeValue:
    if (!HasList)
      return std::string(abi::CallValue) + "{}";
    return "[](auto&& cxxdefer_f" + (Params.empty() ? "" : ", " + Params) +
           ") { (void)" + fwd("cxxdefer_f") + "(" + Args + "); }";
  case CallShape::PointerToMember:
    if (!HasList)
      return std::string(abi::CallMemberPointer) + "<" +
             (Call.Arrow ? "true" : "false") + ">{}";
    return "[](auto&& cxxdefer_o, auto&& cxxdefer_pm" +
           (Params.empty() ? "" : ", " + Params) + ") { (void)(" +
           fwd("cxxdefer_o") + (Call.Arrow ? "->*" : ".*") + "cxxdefer_pm)(" +
           Args + "); }";
  case CallShape::Operator: {
    // Every operand is a parameter; the operator is spelled again.
    std::vector<std::string> X;
    std::string OpParams;
    for (size_t I = 0; I < Call.Operands.size(); ++I) {
      if (Call.Operands[I].How == Keep::Spelled) {
        X.push_back(Call.Operands[I].Spelling);
        continue;
      }
      std::string Name = "cxxdefer_x" + std::to_string(I);
      OpParams += (OpParams.empty() ? "auto&& " : ", auto&& ") + Name;
      X.push_back(fwd(Name));
    }
    assert((X.size() == 1 || X.size() == 2) && "an operator's operands");
    assert((Call.Op != OO_Subscript || X.size() == 2) && "a subscript's index");
    std::string Spelling = getOperatorSpelling(Call.Op);
    std::string Body;
    if (Call.Op == OO_Subscript)
      Body = X[0] + "[" + X[1] + "]";
    else if (Call.Postfix)
      Body = X[0] + Spelling;
    else if (X.size() == 1)
      Body = Spelling + " " + X[0];
    else
      Body = X[0] + " " + Spelling + " " + X[1];
    return "[](" + OpParams + ") { (void)(" + Body + "); }";
  }
  }
  llvm_unreachable("unknown CallShape");
}

/// The table of a dependent call's instantiations (cxxdefer/call.h).
std::string FunctionPrinter::table(const CallPlan &Call) const {
  std::string Out = std::string(abi::Table) + "<";
  for (size_t I = 0; I < Call.Instantiations.size(); ++I) {
    const InstantiationPlan &Entry = Call.Instantiations[I];
    assert(Entry.Bindings.size() == Entry.KeyTypes.size() &&
           Entry.BindingTypes.size() == Entry.KeyTypes.size() &&
           "one binding per key");
    std::vector<std::string> Keys;
    for (const std::string &Key : Entry.KeyTypes)
      Keys.push_back(Key.empty() ? abi::Kept : Key);
    Out += (I ? ", " : "") + std::string(abi::When) + "<" + abi::Key + "<" +
           llvm::join(Keys, ", ") + ">";
    for (size_t B = 0; B < Entry.Bindings.size(); ++B) {
      Out += ", ";
      if (Entry.KeyTypes[B].empty()) {
        Out += abi::AsKept;
        continue;
      }
      switch (Entry.Bindings[B]) {
      case Keep::Reference:
        Out += abi::ByRef;
        break;
      case Keep::Conversion:
        Out +=
            std::string(abi::ByConversion) + "<" + Entry.BindingTypes[B] + ">";
        break;
      case Keep::Arrow:
        Out += abi::ByArrow;
        break;
      default:
        Out += abi::ByValue;
        break;
      }
    }
    Out += ">";
  }
  return Out + ">";
}

/// The opening of an operand's wrapper, and its closing. Under C++17 a kept
/// reference or value is built by class template argument deduction, with
/// no function call between (cxxdefer/operands.h).
static std::pair<std::string, std::string> wrapper(const OperandPlan &Op,
                                                   bool Cxx17) {
  assert((!Op.Type.empty() || Op.How == Keep::Reference ||
          Op.How == Keep::Value || Op.How == Keep::Arrow) &&
         "a converted operand without its type");
  switch (Op.How) {
  case Keep::Reference:
    if (Cxx17)
      return {std::string(abi::RefArg) + "{", "}"};
    return {std::string(abi::Ref) + "(", ")"};
  case Keep::Value:
    if (Cxx17)
      return {std::string(abi::ValueArg) + "{", "}"};
    return {std::string(abi::Val) + "(", ")"};
  case Keep::Conversion:
    return {std::string(abi::As) + "<" + Op.Type + ">(", ")"};
  case Keep::InPlace:
    return {std::string(abi::ValueArg) + "<" + Op.Type + ">{", "}"};
  case Keep::BitField:
    if (Cxx17)
      return {std::string(abi::ValueArg) + "{static_cast<" + Op.Type + ">(",
              ")}"};
    return {std::string(abi::Val) + "(static_cast<" + Op.Type + ">(", "))"};
  case Keep::Arrow:
    return {std::string(abi::Arrow) + "(", ")"};
  case Keep::InitializerList:
  case Keep::Spelled:
    break;
  }
  llvm_unreachable("an initializer list or a literal has no wrapper");
}

/// Whether the defer statement arms its hoisted slot in the function's own
/// text, as Go's compiler does: the bound call is built in the slot's store
/// with `new`, then the statement sets the slot's bit, `cxxdefer_bits_12 |=
/// 4` (a comma expression, so that an `if` without braces keeps both). At
/// -O0 the runtime's arm() costs ten instructions more: a layer, its
/// `this` and the call passed by value. The store then needs the call's
/// type named (a typed slot), guaranteed elision (C++17), and a function
/// that constant evaluation never runs (it cannot place with `new`).
/// The `(false) ? (Call *)nullptr : new ...` around the placement is the
/// check arm() makes with a static_assert: a call of another type than the
/// rewriter spelled at the slot does not compile (two unrelated pointer
/// types), at no cost (the condition is a constant; its parentheses tell
/// -Wunreachable-code that the dead operand is meant).
bool FunctionPrinter::armedInText(const SitePlan &Site) const {
  return Site.Where == Storage::HoistedSlot && !Site.Caller.empty() &&
         F.Cxx17 && !F.StaysConstexpr;
}

/// Whether a call that must be built in place reaches its storage through
/// a lambda that returns it (`arm_made([&] { return call{...}; })`). A slot
/// declared at its statement is built in place anyway (C++17), and so is a
/// call that the statement places itself.
bool FunctionPrinter::madeByLambda(const SitePlan &Site) const {
  return Site.Call.BuildInPlace && Site.Where != Storage::Slot &&
         !armedInText(Site);
}

/// What the defer statement becomes before its bound call.
std::string FunctionPrinter::statementPrefix(const SitePlan &Site) const {
  bool InPlace = madeByLambda(Site);
  std::string Make = InPlace ? "[&] { return " : "";
  switch (Site.Where) {
  case Storage::Slot: {
    const char *Type = !handled(Site.OnException) ? abi::Guard
                       : Site.Err                 ? abi::ErrSlot
                       : Site.OnException == Exit::Recovering
                           ? abi::RecoveringSlot
                           : abi::OpenSlot;
    if (F.Cxx17)
      return std::string(Type) + " " + Site.Name + "{";
    return "auto&& " + Site.Name + " = " + abi::OpenCoded + "<" + Type + ">(";
  }
  case Storage::HoistedSlot:
    if (armedInText(Site))
      return "(void)((false) ? static_cast<typename decltype(" + Site.Store +
             ")::direct_call *>(nullptr) : ::new (static_cast<void *>(" +
             Site.Store + ".storage)) ";
    return Site.Name + (InPlace ? ".arm_made(" : ".arm(") + Make;
  case Storage::StackRecord: {
    assert(Site.Frame < F.Frames.size() && "a record without its frame");
    std::string Frame = F.Frames[Site.Frame].Name;
    const char *Push = InPlace    ? ".push_made("
                       : Site.Err ? ".push_err("
                                  : ".push(";
    return Site.Name + Push + Frame + ", " + Make;
  }
  case Storage::HeapRecord: {
    assert(Site.Frame < F.Frames.size() && "a record without its frame");
    std::string Frame = F.Frames[Site.Frame].Name;
    const char *Fn = InPlace    ? abi::HeapDeferMade
                     : Site.Err ? abi::HeapErrDefer
                                : abi::HeapDefer;
    return std::string(Fn) + "(" + Frame + ", " + Make;
  }
  }
  llvm_unreachable("unknown Storage");
}

std::string FunctionPrinter::statementSuffix(const SitePlan &Site) const {
  if (armedInText(Site))
    return "), " + F.BitsName + " |= " + std::to_string(1u << Site.Bit);
  std::string Make = madeByLambda(Site) ? "; }" : "";
  if (Site.Where == Storage::Slot && F.Cxx17)
    return Make + "}";
  return Make + ")";
}

void FunctionPrinter::printSite(const SitePlan &Site) {
  const CallPlan &Call = Site.Call;
  bool Table = Call.PerInstantiation;
  std::string Open, Close = ")";
  assert(!(Table && !Site.Caller.empty()) &&
         "a call chosen per instantiation is kept type-erased");
  if (Table) {
    Open = std::string(abi::Select) + "<" + table(Call) + ">(" + caller(Call);
  } else {
    // A typed slot declared the caller lambda with it.
    std::string Caller = Site.Caller.empty() ? caller(Call) : Site.Caller;
    if (F.Cxx17) {
      Open = std::string(abi::Call) + "{" + Caller;
      Close = "}";
    } else {
      Open = std::string(abi::Bind) + "(" + Caller;
    }
  }
  if (Call.Shape == CallShape::ImplicitThisMember) {
    OperandPlan This;
    This.How = Keep::Value;
    auto [Before, After] = wrapper(This, F.Cxx17);
    Open += Table ? ", [&]() -> decltype(auto) { return (" + Before + "this" +
                        After + "); }"
                  : ", " + Before + "this" + After;
  }

  // The statement becomes glue text around the user's operand texts, which
  // stay in place, in order: Glue[i] replaces what lies before Kept[i].
  std::vector<std::string> Glue;
  std::vector<const Span *> Kept;
  std::string Pending = statementPrefix(Site) + Open;
  std::string Tail;
  for (const OperandPlan &Op : Call.Operands) {
    if (Op.isDefaultArgument()) {
      auto [Before, After] = wrapper(Op, F.Cxx17);
      Tail += ", " + Before + Op.DefaultArgument + After;
      continue;
    }
    if (Table) {
      // Every operand is a thunk, so that select() evaluates them in order;
      // one whose binding does not depend on the instantiation returns it
      // already kept.
      std::string Before, After;
      if (!Op.PerInstantiation)
        std::tie(Before, After) = wrapper(Op, F.Cxx17);
      Glue.push_back(Pending + ", [&]() -> decltype(auto) { return (" + Before);
      Kept.push_back(&Op.Text);
      Pending = After + "); }";
      continue;
    }
    if (Op.How == Keep::Spelled)
      continue; // its text moved into the caller
    if (Op.How == Keep::InitializerList) {
      for (const OperandPlan &Elem : Op.Elements) {
        auto [Before, After] = wrapper(Elem, F.Cxx17);
        Glue.push_back(Pending + ", " + Before);
        Kept.push_back(&Elem.Text);
        Pending = After;
      }
      continue;
    }
    auto [Before, After] = wrapper(Op, F.Cxx17);
    Glue.push_back(Pending + ", " + Before);
    Kept.push_back(&Op.Text);
    Pending = After;
  }
  Pending += Tail + Close + statementSuffix(Site);

  Pos Cursor = Site.Statement.Begin;
  for (size_t I = 0; I < Kept.size(); ++I) {
    assert(!(Kept[I]->Begin.Text < Cursor.Text) &&
           "operands out of order in their statement");
    replace(Cursor, Kept[I]->Begin, Glue[I]);
    Cursor = Kept[I]->End;
  }
  replace(Cursor, Site.Statement.End, Pending);
  if (Site.Where == Storage::Slot && handled(Site.OnException))
    insert(Site.AfterSemicolon, " try {");
  for (const HeldCapability &H : Site.Held)
    insert(Site.AfterSemicolon,
           std::string(" ") +
               (H.Shared ? abi::HeldSharedUntilExit : abi::HeldUntilExit) +
               " " + H.Name + "(" + H.Spelling + H.Member + ");");
}

/// What a hoisted slot's declaration is preceded by: the local that keeps
/// its call; for a typed slot, of the call's type, after the caller lambda
/// that type names: `auto c = [](...) {...}; slot_call<call<decltype(c),
/// ref_arg<T &>, value_arg<U>>> s;`.
std::string FunctionPrinter::hoistedStore(const SitePlan &Site) const {
  std::string Store = abi::SlotCall;
  if (Site.Caller.empty())
    return Store + "<> " + Site.Store + "; ";
  std::string Out = "auto " + Site.Caller + " = " + caller(Site.Call) + "; ";
  Store += "<" + std::string(abi::Call) + "<decltype(" + Site.Caller + ")";
  for (const KeptType &Kept : Site.KeptTypes)
    Store += ", " + std::string(Kept.Reference ? abi::RefArg : abi::ValueArg) +
             "<" + Kept.Type + ">";
  return Out + Store + ">> " + Site.Store + "; ";
}

/// Slots in the order they are declared in the body: by position, hoisted
/// slots before the statement they precede, ties in source order.
std::vector<const SitePlan *> FunctionPrinter::declarationOrder() const {
  std::vector<const SitePlan *> Order;
  for (const SitePlan &Site : F.Sites)
    Order.push_back(&Site);
  std::stable_sort(
      Order.begin(), Order.end(), [](const SitePlan *A, const SitePlan *B) {
        bool AAt = A->Where == Storage::Slot;
        bool BAt = B->Where == Storage::Slot;
        return std::tie(A->SlotIndex, AAt) < std::tie(B->SlotIndex, BAt);
      });
  return Order;
}

void FunctionPrinter::printSlots(const std::vector<const SitePlan *> &Order) {
  if (!F.BitsName.empty())
    insert(F.BodyBegin, " unsigned char " + F.BitsName + " = 0;");
  std::string Closers;
  for (const SitePlan *Site : Order) {
    if (Site->Where == Storage::HoistedSlot) {
      assert(Site->SlotIndex < F.TopLevel.size() && !F.BitsName.empty() &&
             "a hoisted slot without its statement or deferBits byte");
      const char *Type = !handled(Site->OnException) ? abi::HoistedGuard
                         : Site->Err                 ? abi::HoistedErrSlot
                         : Site->OnException == Exit::Recovering
                             ? abi::HoistedRecoveringSlot
                             : abi::HoistedOpenSlot;
      insert(
          F.TopLevel[Site->SlotIndex],
          hoistedStore(*Site) + Type + "<" + std::to_string(Site->Bit) +
              (Site->Caller.empty() ? "" : ", decltype(" + Site->Store + ")") +
              "> " + Site->Name + "{" + F.BitsName + ", " + Site->Store + "};" +
              (handled(Site->OnException) ? " try { " : " "));
    }
    if (!handled(Site->OnException))
      continue;
    std::string Unwind =
        Site->Name + ".unwind(" +
        (Site->OnException == Exit::Recovering ? canRecover() : "") + ")";
    Closers = handler(Unwind, Site->OnException) + Closers;
  }
  insert(F.BodyEnd, Closers);
}

void FunctionPrinter::printFrames() {
  std::string Closers;
  for (unsigned I = 0; I < F.Frames.size(); ++I) {
    const FramePlan &Frame = F.Frames[I];
    assert(Frame.SlotIndex < F.TopLevel.size() && "a frame without its place");
    std::string Text;
    for (const SitePlan &Site : F.Sites)
      if (Site.Frame == I && Site.Where == Storage::StackRecord)
        Text += std::string(abi::StackRecord) + " " + Site.Name + "; ";
    if (!handled(Frame.OnException)) {
      insert(F.TopLevel[Frame.SlotIndex],
             Text + abi::GuardFrame + " " + Frame.Name + "; ");
      continue;
    }
    std::optional<std::string> After = afterRecovery();
    bool Recovering = Frame.OnException == Exit::Recovering;
    if (Recovering && After)
      Text += "try { ";
    if (Recovering)
      Text += std::string(abi::RecoveringFrame) + " " + Frame.Name + "(" +
              canRecover() + "); try { ";
    else
      Text += std::string(abi::DeferFrame) + " " + Frame.Name + "; try { ";
    insert(F.TopLevel[Frame.SlotIndex], Text);
    std::string Close = handler(Frame.Name + ".unwind()", Frame.OnException);
    if (Recovering && After)
      Close += "} catch (const " + std::string(abi::RecoveredOnReturn) +
               " &) { " + (After->empty() ? "" : *After + " ") + "} ";
    Closers = Close + Closers;
  }
  insert(F.BodyEnd, Closers);
}

/// Go's named result: a local the return statements assign, returned after
/// the deferred calls ran.
void FunctionPrinter::printResult() {
  const ResultPlan &R = F.Result;
  assert((!R.TrackReturned || !R.Type.empty()) && "a tracked result's type");
  if (R.TrackReturned) {
    for (const ReturnPlan &Return : R.Returns) {
      if (!Return.TrackedVariable.empty()) {
        replace(Return.Keyword.Begin, Return.Keyword.End,
                "{ cxxdefer_returned.track(&" + Return.TrackedVariable +
                    "); return");
        replace(Return.Semicolon.Begin, Return.Semicolon.End, "; }");
        continue;
      }
      // With Clang, built in a local that NRVO places in the return slot;
      // with other compilers, returned as written (the macro decides, so
      // that GCC keeps the guaranteed elision of `return T(...);`).
      replace(Return.Keyword.Begin, Return.Keyword.End,
              std::string(abi::ReturnTracked) + "(cxxdefer_returned,");
      if (Return.MoveValue) {
        insert(Return.Value.Begin, std::string(abi::Moved) + "(");
        insert(Return.Value.End, ")");
      }
      replace(Return.Semicolon.Begin, Return.Semicolon.End, ")");
    }
    return;
  }
  if (R.Strategy == ResultStrategy::Untouched ||
      R.Strategy == ResultStrategy::ValueInitialisedAfterRecovery)
    return;
  for (const ReturnPlan &Return : R.Returns) {
    // The body's last statement falls off to the single exit by itself.
    const char *Leave = Return.Last ? "" : " goto cxxdefer_return;";
    if (Return.ReturnsResult || !Return.HasValue) {
      replace(Return.Keyword.Begin, Return.Semicolon.End,
              Return.Last ? ";" : "goto cxxdefer_return;");
      continue;
    }
    // `co_return e;` with a void e keeps e as a statement.
    replace(Return.Keyword.Begin, Return.Keyword.End,
            R.Strategy == ResultStrategy::Named ? "{ cxxdefer_result =" : "{");
    replace(Return.Semicolon.Begin, Return.Semicolon.End,
            std::string(";") + Leave + " }");
  }
  for (const Span &Ref : R.References)
    replace(Ref.Begin, Ref.End, "cxxdefer_result");
}

void FunctionPrinter::run() {
  assert(!F.Sites.empty() && "a function plan without defer statements");
  for (const Span &Keyword : F.ConstexprKeywords)
    replace(Keyword.Begin, Keyword.End, F.IsLambda ? "" : "inline");
  if (FirstInFile)
    insert(F.BodyBegin, " (void)" + std::string(abi::AbiCheck) + "<" +
                            std::to_string(AbiVersion) + ">{};");
  const ResultPlan &R = F.Result;
  if (R.TrackReturned)
    insert(F.BodyBegin, " " + std::string(abi::Returned) + "<" + R.Type +
                            "> cxxdefer_returned;");
  bool Wrapped = R.Strategy != ResultStrategy::Untouched;
  if (Wrapped)
    insert(F.BodyBegin, R.Strategy == ResultStrategy::Named
                            ? " " + R.Type + " cxxdefer_result{}; {"
                            : std::string(" {"));
  printResult();
  for (const SitePlan &Site : F.Sites)
    printSite(Site);
  if (F.Sites.front().Class == Tier::OpenCoded)
    printSlots(declarationOrder());
  else
    printFrames();
  if (!Wrapped)
    return;
  // The label only where a return statement jumps to it (-Wunused-label).
  bool Jumped = R.Strategy != ResultStrategy::ValueInitialisedAfterRecovery &&
                llvm::any_of(R.Returns, [](const ReturnPlan &Return) {
                  return !Return.Last;
                });
  std::string Exit = Jumped ? "} cxxdefer_return: " : "} ";
  if (R.TrackReturned)
    Exit += "cxxdefer_returned.release(); ";
  switch (R.Strategy) {
  case ResultStrategy::Named:
    Exit += "return cxxdefer_result; ";
    break;
  case ResultStrategy::ValueInitialisedAfterRecovery:
    Exit +=
        "return " + std::string(abi::Recovery) + "<" + R.Type + ">::value(); ";
    break;
  case ResultStrategy::CoReturnAfterDefers:
    Exit += "co_return; ";
    break;
  case ResultStrategy::Untouched:
    llvm_unreachable("an untouched result is not wrapped");
  }
  insert(F.BodyEnd, Exit);
}

} // namespace

llvm::Expected<tooling::Replacements> printFile(const FilePlan &File) {
  std::vector<EditList> Edits(File.Regions.size() + 1);
  bool First = true;
  for (const FunctionPlan &F : File.Functions) {
    FunctionPrinter(File, F, Edits, First).run();
    First = false;
  }
  // A macro use with edits is replaced by its edited expansion.
  for (size_t I = 0; I < File.Regions.size(); ++I) {
    if (Edits[I + 1].empty())
      continue;
    const RegionPlan &R = File.Regions[I];
    std::string Text;
    if (!Edits[I + 1].apply(R.Text, Text) || Edits[0].touches(R.Begin, R.End))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "overlapping edits in a macro use");
    Edits[0].replace(R.Begin, R.End, Text + std::string(R.LineBreaks, '\n'));
  }
  tooling::Replacements Out;
  if (llvm::Error E = Edits[0].into(File.Path, Out))
    return E;
  return Out;
}

} // namespace cxxdefer
