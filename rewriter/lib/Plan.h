//===- Plan.h - The typed plan of a rewrite ---------------------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Plain data, no behaviour: what analysis decides and printing spells.
///
///   analyze (Analyze.h)   AST + options -> FilePlan per rewritten file
///   print   (Print.h)     FilePlan      -> new text
///
/// A plan holds no AST pointer and writes no C++ of its own making. What it
/// holds as text is the user's: the spelling of a type, of a callee, of a
/// default argument. Every position is a Pos: where analysis found it (a
/// SourceLocation and a side of its token), and where printing edits (a
/// TextPos, filled in by placement, SourceText.h). Printing reads only the
/// TextPos, so it can be tested without parsing any C++.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_PLAN_H
#define CXXDEFER_LIB_PLAN_H

#include "cxxdefer/Rewrite.h"
#include "clang/Basic/OperatorKinds.h"
#include "clang/Basic/SourceLocation.h"
#include <string>
#include <vector>

namespace cxxdefer {

/// A byte offset in a text the printer edits: the file itself (Region 0) or
/// the expansion of one macro use in it (Region N >= 1, FilePlan::Regions
/// [N-1]).
struct TextPos {
  unsigned Region = 0;
  unsigned Offset = 0;
};

inline bool operator==(TextPos A, TextPos B) {
  return A.Region == B.Region && A.Offset == B.Offset;
}
inline bool operator<(TextPos A, TextPos B) {
  return A.Region != B.Region ? A.Region < B.Region : A.Offset < B.Offset;
}

/// A position: before or after a token, as analysis found it, and as
/// placement resolved it.
struct Pos {
  enum Side { Before, After };
  clang::SourceLocation Token;
  Side At = Before;
  TextPos Text;

  static Pos before(clang::SourceLocation L) { return {L, Before, {}}; }
  static Pos after(clang::SourceLocation L) { return {L, After, {}}; }
};

/// A range of the user's text, from before its first token to after its
/// last.
struct Span {
  Pos Begin, End;

  static Span of(clang::SourceLocation First, clang::SourceLocation Last) {
    return {Pos::before(First), Pos::after(Last)};
  }
};

/// How one operand travels from the defer statement to the call at exit
/// (SPEC 2.3: each parameter is initialised at the defer statement).
enum class Keep {
  /// A reference parameter bound to the object the operand designates:
  /// a pointer is kept (`ref(x)`).
  Reference,
  /// A by-value parameter of the operand's own type, or a temporary bound
  /// to a reference parameter: a copy made now (`val(x)`).
  Value,
  /// A by-value parameter of another type whose conversion runs user code
  /// (a converting constructor, slicing): converted now (`as<T>(x)`).
  Conversion,
  /// A value of type T copy-initialised now from the operand, in place
  /// (`value_arg<T>{x}`): a braced list initialising a parameter (or the
  /// temporary a reference parameter binds to), or a prvalue of a type
  /// that can be neither copied nor moved.
  InPlace,
  /// A braced list for a std::initializer_list<T> parameter: each element
  /// is kept (Elements), and the braces are spelled again at exit.
  InitializerList,
  /// A bit-field read now into a prvalue of its type.
  BitField,
  /// The object of `sp->f()`: operator-> runs now (`arrow(sp)`).
  Arrow,
  /// A string literal for a by-value parameter: nothing to evaluate now, so
  /// its text moves to the call at exit (Spelling), where the compiler
  /// still sees a literal: -Wformat checks a deferred printf's format
  /// against its arguments, and -Wformat-security has nothing to report.
  Spelled,
};

/// One operand of a deferred call.
struct OperandPlan {
  /// The user's text, kept in place. Invalid for a default argument.
  Span Text;
  Keep How = Keep::Value;
  /// Conversion, InPlace, BitField: the type, spelled fully qualified;
  /// InitializerList: the element type.
  std::string Type;
  /// Spelled: the user's text, moved to the call at exit.
  std::string Spelling;
  /// A default argument the call did not write: its spelling, evaluated
  /// at the defer statement.
  std::string DefaultArgument;
  /// InitializerList: the elements, each kept as a Type copy-initialised
  /// from the user's text; the braces and commas between them are spelled
  /// again at exit.
  std::vector<OperandPlan> Elements;

  /// In a dependent call: how it is kept depends on the instantiation
  /// (CallPlan::Instantiations), not on How.
  bool PerInstantiation = false;

  bool isDefaultArgument() const { return !DefaultArgument.empty(); }
};

/// The syntactic kind of the deferred call.
enum class CallShape {
  /// `g(a)`, `ns::g<T>(a)`: the callee is a name, spelled again at exit.
  NamedFunction,
  /// `obj.f(a)`, `p->f(a)`, `sp->f(a)`: the object is the first operand.
  Member,
  /// `f(a)` meaning `this->f(a)`: `this` is kept.
  ImplicitThisMember,
  /// `fp(a)`, `functor(a)`, `[&]{...}()`: the callee is the first operand.
  CalleeValue,
  /// `(o.*pm)(a)` / `(p->*pm)(a)`: object and member pointer are operands.
  PointerToMember,
  /// `a += b`, `!x`, `v[i]` through an overloaded operator.
  Operator,
};

/// One instantiation of a dependent call: the exact type of each operand
/// (`T&`, `T&&` or `T`), and how each is kept there. An operand whose
/// binding is the same in every instantiation (not PerInstantiation) has
/// an empty key type: it is kept as the pattern says.
struct InstantiationPlan {
  std::vector<std::string> KeyTypes;
  std::vector<Keep> Bindings;
  /// For Conversion bindings: the parameter type.
  std::vector<std::string> BindingTypes;
};

/// How a deferred call is rebuilt.
struct CallPlan {
  CallShape Shape = CallShape::NamedFunction;
  /// In source order. Member: the object first; CalleeValue: the callee
  /// first; PointerToMember: object, then member pointer.
  std::vector<OperandPlan> Operands;
  /// The callee as the user spelled it, moved into the caller lambda:
  /// NamedFunction `ns::g<T>`, ImplicitThisMember `f<T>`, Member `.f` or
  /// `->f`. "template " is inserted at TemplateKeywordAt when it is not
  /// npos (explicit template arguments of a member whose object is a
  /// generic lambda's parameter at exit).
  std::string Callee;
  size_t TemplateKeywordAt = std::string::npos;
  /// The user's text of the callee, which printing removes from its place.
  Span CalleeText;
  /// Member: `->`; PointerToMember: `->*`.
  bool Arrow = false;
  /// Operator: which one, and whether it is a postfix ++ or --.
  clang::OverloadedOperatorKind Op = clang::OO_None;
  bool Postfix = false;
  /// A dependent call in a template whose operands do not bind the same in
  /// every instantiation: operands become thunks and each instantiation
  /// seen gets an entry.
  bool PerInstantiation = false;
  std::vector<InstantiationPlan> Instantiations;
  /// Hoisted slots and records: build the call in place (C++17), because
  /// an operand can be neither copied nor moved.
  bool BuildInPlace = false;
  /// The callee has thread-safety attributes: the caller lambda, which runs
  /// it at exit, is not analysed (cxxdefer/thread_safety.h).
  bool NotAnalysed = false;
};

/// A capability that the deferred call releases (Clang's -Wthread-safety):
/// from the defer statement on, the function holds it until exit, and a
/// scoped capability says so (cxxdefer/thread_safety.h).
struct HeldCapability {
  /// The expression that names it: the user's text of the call's object or
  /// of one of its arguments (Text, spelled by placement into Spelling), or
  /// `*this` (Spelling only), then Member (`.mu_`, `->mu_`, or `mu_` alone
  /// for `*this`) when the attribute names a member of it.
  Span Text;
  std::string Spelling;
  std::string Member;
  bool Shared = false;
  /// The scoped capability's variable.
  std::string Name;
};

/// The type of one kept operand of a bound call, spelled for a typed slot:
/// a reference (`const ::W &`, kept as a pointer) or a value (`int *`).
struct KeptType {
  bool Reference = false;
  std::string Type;
};

/// Where a defer statement's call is kept.
enum class Storage {
  /// An open-coded slot declared at the defer statement itself.
  Slot,
  /// An open-coded slot declared earlier, armed here, with a deferBits bit.
  HoistedSlot,
  /// A record in the function's frame, linked into a defer_frame.
  StackRecord,
  /// A pooled record, linked into a defer_frame.
  HeapRecord,
};

/// What runs a deferred call when an exception leaves the function.
enum class Exit {
  /// The call cannot throw and cannot reach __recover(): a destructor,
  /// no handler.
  Guard,
  /// The call may throw: a handler runs it, then rethrows.
  Handled,
  /// The call may reach __recover(): a handler runs it under a panic
  /// scope and leaves the function when it recovers.
  Recovering,
};

/// One defer statement.
struct SitePlan {
  /// `__errdefer`: runs only while an exception leaves the function.
  bool Err = false;
  Tier Class = Tier::OpenCoded;
  Storage Where = Storage::Slot;
  Exit OnException = Exit::Handled;
  /// The top-level statement of the body before which a slot or frame is
  /// declared; the deferBits bit of a hoisted slot; the frame of a record.
  unsigned SlotIndex = 0;
  unsigned Bit = 0;
  unsigned Frame = 0;
  /// The defer statement's own text: `__defer(...)` in the file, or its
  /// expansion's tokens inside a macro use.
  Span Statement;
  /// After the `;` that ends the statement.
  Pos AfterSemicolon;
  /// The slot or record variable.
  std::string Name;
  CallPlan Call;
  /// A hoisted slot: the local that keeps its call (a slot_call).
  std::string Store;
  /// A hoisted slot whose call's type can be named at the slot
  /// (TypedSlot.h): the variable that holds the caller lambda, declared
  /// with the slot, and the type of each kept operand of the bound call, in
  /// its order. Empty: the slot keeps the call type-erased.
  std::string Caller;
  std::vector<KeptType> KeptTypes;
  std::vector<HeldCapability> Held;
};

/// A defer_frame: the records of the defer statements it holds run when it
/// is destroyed or its handler runs.
struct FramePlan {
  unsigned SlotIndex = 0;
  Exit OnException = Exit::Handled;
  std::string Name;
};

/// How the function returns its result, before and after a recovery.
enum class ResultStrategy {
  /// Returns are not touched. After a recovery a void function, a
  /// constructor or a destructor returns; nothing else can recover.
  Untouched,
  /// Returns are not touched (copy elision kept); after a recovery the
  /// function returns a value-initialised result.
  ValueInitialisedAfterRecovery,
  /// Go's named result: a local that `return e;` assigns, returned after
  /// every deferred call ran. For functions that name `__result`, and for
  /// those that can recover and return a trivially copyable type.
  Named,
  /// A coroutine with return_void(): each `co_return;` jumps past the
  /// slots to one `co_return;`, so that the deferred calls run before the
  /// promise's return_void(), which a recovery then reaches once.
  CoReturnAfterDefers,
};

/// A `return` statement that the rewrite touches: one of a function with a
/// named result, or one whose result object must be tracked (Clang does not
/// destroy a return object when a later destructor throws, CWG 2176).
struct ReturnPlan {
  /// The keyword `return`, and the `;` that ends the statement.
  Span Keyword;
  Span Semicolon;
  bool HasValue = false;
  /// `return __result;`: nothing to assign.
  bool ReturnsResult = false;
  /// The body's last statement: falling off it reaches the function's
  /// single exit, so it needs no `goto` (at -O0 a goto out of a slot's
  /// scope costs a cleanup-destination switch at every exit).
  bool Last = false;
  /// Tracking: `return x;` where x is the variable NRVO builds in the
  /// return slot (its name), or else the value is first built in a local
  /// of the result type (which NRVO places in the return slot), moved
  /// from the returned local when C++ would have moved it (Value's span).
  std::string TrackedVariable;
  Span Value;
  bool MoveValue = false;
};

struct ResultPlan {
  ResultStrategy Strategy = ResultStrategy::Untouched;
  /// The result type, spelled (ValueInitialisedAfterRecovery, Named).
  std::string Type;
  /// The function is void, a constructor or a destructor.
  bool ReturnsNothing = false;
  /// Whether a handler may recover (a runtime test only for a result type
  /// the rewriter cannot judge: `recovery<T>::possible`).
  enum Recover { No, Yes, IfValueInitialisable } CanRecover = No;
  /// The function is a coroutine: a recovery ends it with `co_return;`.
  bool Coroutine = false;
  std::vector<ReturnPlan> Returns;
  /// Every `__result` token to rename.
  std::vector<Span> References;
  /// A constexpr function before C++23 may contain no goto and no label:
  /// a handler that recovers returns the value-initialised result itself.
  bool ReturnInHandler = false;
  /// The result has a destructor and a deferred call may throw after a
  /// return statement built it: the object is tracked, so that it is
  /// destroyed exactly once with Clang too (returned<T>, cxxdefer/panic.h).
  bool TrackReturned = false;
};

/// One function-like body that defers.
struct FunctionPlan {
  /// After the body's `{`, and before its `}`.
  Pos BodyBegin, BodyEnd;
  /// Before each top-level statement of the body.
  std::vector<Pos> TopLevel;
  std::vector<SitePlan> Sites;
  std::vector<FramePlan> Frames;
  ResultPlan Result;
  /// The deferBits byte, when a hoisted slot needs it.
  std::string BitsName;
  /// The language the output must compile under.
  bool Cxx17 = true;
  bool Exceptions = true;
  /// A constexpr function under C++14 or 17 runs its deferred calls at run
  /// time only: its `constexpr` keywords become `inline` (or disappear,
  /// for a lambda).
  std::vector<Span> ConstexprKeywords;
  /// C++20 keeps the function constexpr: its hoisted slots are armed
  /// through the runtime, which keeps a call apart in constant evaluation.
  bool StaysConstexpr = false;
  bool IsLambda = false;
};

/// The expanded text of one macro use that holds edits.
struct RegionPlan {
  /// The macro use in the file (Region 0 offsets).
  unsigned Begin = 0, End = 0;
  std::string Text;
  /// Line breaks of the macro use, appended so every line keeps its number.
  unsigned LineBreaks = 0;
};

/// Everything the printer needs for one file.
struct FilePlan {
  std::string Path;
  std::string Original;
  std::vector<RegionPlan> Regions;
  std::vector<FunctionPlan> Functions;
};

} // namespace cxxdefer

#endif // CXXDEFER_LIB_PLAN_H
