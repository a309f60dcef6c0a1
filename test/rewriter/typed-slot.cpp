// A defer statement nested in a block is open-coded through a slot
// declared before the block (a hoisted slot). Where the slot can name the
// bound call's type - the caller lambda moves to the slot, each kept
// operand's type is spelled - the call is kept with that type and run
// directly at exit (rewriter/lib/TypedSlot.h). Where it cannot, or where
// looking the callee up at the slot could find something else, the slot
// keeps the call type-erased (`slot_call<>`), as before. Either way the
// program does what the source says.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <cstdio>
#include <utility>

static void showRef(int &V) { std::printf("ref %d\n", V); }
static void showConst(const int &V) { std::printf("const ref %d\n", V); }
static void showRvalue(int &&V) { std::printf("rvalue %d\n", V); }
static void show(const char *What, int V) { std::printf("%s %d\n", What, V); }
static void showPtr(const int *P) { std::printf("pointer %d\n", *P); }
static void showNull(int *P) { std::printf("%s\n", P ? "not null" : "null"); }

struct Widget {
  int N;
  void print() const { std::printf("widget %d\n", N); }
};
struct Bits {
  unsigned Low : 4;
};
enum class Color { Red = 2 };
static void showColor(Color C) { std::printf("color %d\n", int(C)); }
struct Text {
  Text(const char *S) : S(S) {}
  const char *S;
};
static void showText(Text T) { std::printf("text %s\n", T.S); }
static int Counter = 0;
static int next() { return ++Counter; }
static void withDefault(int V, int W = next()) {
  std::printf("default %d %d\n", V, W);
}

// Every kind of kept operand a typed slot spells.
// CHECK-LABEL: {{^}}static void operandKinds(
static void operandKinds(bool C) {
  int Local = 1;
  int Array[2] = {7, 8};
  Widget W{5};
  // CHECK: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::ref_arg<int &>>> cxxdefer_s[[#@LINE+8]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::ref_arg<const int &>>>
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::ref_arg<int &&>>>
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::value_arg<int>>>
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::value_arg<int *>>>
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::value_arg<decltype(nullptr)>>>
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+8]]_5), ::cxxdefer::detail::ref_arg<::Widget &>>>
  if (C) {
    __defer(showRef(Local));
    __defer(showConst(static_cast<const int &>(Local)));
    __defer(showRvalue(std::move(Local)));
    __defer(show("value", Local));
    __defer(showPtr(Array));
    __defer(showNull(nullptr));
    __defer(W.print());
    Local = 2;
  }
  std::printf("operandKinds returns\n");
}

// CHECK-LABEL: {{^}}static void moreKinds(
static void moreKinds(bool C) {
  (void)C;
  Bits B{9};
  // CHECK: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+7]]_5), ::cxxdefer::detail::value_arg<unsigned int>>>
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+7]]_5), ::cxxdefer::detail::value_arg<::Color>>>
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+7]]_5), ::cxxdefer::detail::value_arg<::Text>>>
  // A default argument evaluated now: its type is the compiler's.
  // CHECK-SAME: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+6]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+6]]_5), ::cxxdefer::detail::value_arg<int *>>>
  if (int *P = &Counter) {
    __defer(show("bit-field", B.Low));
    __defer(showColor(Color::Red));
    __defer(showText("converted"));
    __defer(withDefault(*P));
    __defer(showPtr(P));
    B.Low = 3;
  }
  std::printf("moreKinds returns\n");
}

struct Account {
  int Balance = 40;
  void report() const { std::printf("balance %d\n", Balance); }
  // `this` is kept too.
  // CHECK: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+3]]_7), ::cxxdefer::detail::value_arg<const ::Account *>>>
  void close(bool C) const {
    if (C)
      __defer(report());
    std::printf("close returns\n");
  }
};

namespace other {
static void g(int) { std::printf("other::g(int)\n"); }
} // namespace other
inline void g(double) { std::printf("::g(double)\n"); }
static void declaredLater(int V);
template <class T> static void showAny(T V) { std::printf("any %d\n", V.N); }
template <int N> static void showN() { std::printf("N %d\n", N); }

// Where the slot cannot name the call, or where the callee could be found
// differently there, the call stays type-erased.
// CHECK-LABEL: {{^}}static void erased(
static void erased(bool C) {
  auto Lambda = [] { std::printf("closure\n"); };
  // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+3]]_5;
  if (C) {
    using namespace other;
    __defer(g(1)); // other::g(int) here; ::g(double) before the `if`
  }
  // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+3]]_5;
  if (C) {
    void declaredLater(int);
    __defer(declaredLater(2));
  }
  // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+3]]_5;
  if (C) {
    struct Local { int N; };
    __defer(showAny(Local{3}));
  }
  // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+3]]_5;
  if (C) {
    constexpr int K = 4;
    __defer(showN<K>());
    (void)K; // GCC 12 counts a use in a generic lambda's body as none
  }
  // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+2]]_5;
  if (C)
    __defer(Lambda());
  std::printf("erased returns\n");
}
static void declaredLater(int V) { std::printf("declared later %d\n", V); }

struct First {
  static void show() { std::printf("First::show\n"); }
};
struct Second {
  static void show() { std::printf("Second::show\n"); }
};
template <int Line> static void sameLine(int Written) {
  std::printf("line %s\n", Line == Written ? "kept" : "moved");
}
struct Stat {
  int N;
};
int Stat(const char *, struct Stat *);
static void showStat(struct Stat *S) { std::printf("stat %d\n", S->N); }
class Holder {
  struct Private {
    int N;
  };

public:
  static Private get() { return {6}; }
};
namespace {
struct Anonymous {
  int N;
};
} // namespace
template <class T, int I> struct Tagged {
  int N;
};

// Names the callee's text or a type would mean something else at the slot,
// or nothing at all.
// CHECK-LABEL: {{^}}static void erasedMore(
static void erasedMore(bool C) {
  First W;
  (void)W;
  struct Stat St{5};
  auto Hidden = Holder::get();
  // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+8]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+8]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+8]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+8]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+8]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+8]]_5;
  if (C) {
    Second W;
    __defer(decltype(W)::show());
    __defer(sameLine<__LINE__>(__LINE__));
    __defer(showStat(&St));
    __defer(showAny(Hidden));
    __defer(showAny(Anonymous{7}));
    __defer(showAny(Tagged<int, 1>{8}));
  }
  std::printf("erasedMore returns\n");
}

#if __cplusplus >= 201703L
void neverDefined();

// A discarded statement's callee is never used.
template <class T> static void discarded(T) {
  // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+2]]_5;
  if constexpr (sizeof(T) == 100) {
    __defer(neverDefined());
  }
}
#endif

// In a template, a call that does not depend on the template's parameters
// is typed; one that does stays type-erased.
// CHECK-LABEL: {{^}}template <class T> static void inTemplate(
template <class T> static void inTemplate(T V, bool C) {
  int Size = static_cast<int>(sizeof(T));
  // CHECK: ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+3]]_5), ::cxxdefer::detail::value_arg<int>>> cxxdefer_s[[#@LINE+3]]_5;
  // CHECK-SAME: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#@LINE+3]]_5;
  if (C) {
    __defer(show("size", Size));
    __defer(show("value", V));
  }
}

int main() {
  operandKinds(true);
  operandKinds(false);
  moreKinds(true);
  Account{}.close(true);
  erased(true);
  erasedMore(true);
#if __cplusplus >= 201703L
  discarded(1);
#endif
  inTemplate(5, true);
  inTemplate(static_cast<short>(6), true);
  return 0;
}

// EXEC:      operandKinds returns
// EXEC-NEXT: widget 5
// EXEC-NEXT: null
// EXEC-NEXT: pointer 7
// EXEC-NEXT: value 1
// EXEC-NEXT: rvalue 2
// EXEC-NEXT: const ref 2
// EXEC-NEXT: ref 2
// EXEC-NEXT: operandKinds returns
// EXEC-NEXT: moreKinds returns
// EXEC-NEXT: pointer 1
// EXEC-NEXT: default 0 1
// EXEC-NEXT: text converted
// EXEC-NEXT: color 2
// EXEC-NEXT: bit-field 9
// EXEC-NEXT: close returns
// EXEC-NEXT: balance 40
// EXEC-NEXT: erased returns
// EXEC-NEXT: closure
// EXEC-NEXT: N 4
// EXEC-NEXT: any 3
// EXEC-NEXT: declared later 2
// EXEC-NEXT: other::g(int)
// EXEC-NEXT: erasedMore returns
// EXEC-NEXT: any 8
// EXEC-NEXT: any 7
// EXEC-NEXT: any 6
// EXEC-NEXT: stat 5
// EXEC-NEXT: line kept
// EXEC-NEXT: Second::show
// EXEC-NEXT: value 5
// EXEC-NEXT: size 4
// EXEC-NEXT: value 6
// EXEC-NEXT: size 2
// EXEC-EMPTY:
