// A deferred call that throws after `return e;` built the result object:
// the propagation destroys the object ([except.ctor]/2, CWG 2176), as it
// destroys every other object (SPEC 3.3), whether it was a prvalue, a
// local NRVO put in the return slot, or a local that `return` moved from.
// Clang does not do this by itself (LLVM issue 12658), so the rewrite
// tracks the object (cxxdefer/panic.h, returned<T>); with GCC the
// tracking compiles to nothing. A recovery destroys the abandoned object
// and returns a value-initialised one. Every object is destroyed exactly
// once: `live 0`.
//
// RUN: %check_cxxdefer %s %t
// Without NRVO the rewrite cannot track a local: it does not try.
// RUN: %cxxdefer -q %s -- -std=c++17 -fno-elide-constructors -I%S | %FileCheck %s --check-prefix=NOELIDE

#include <cxxdefer.h>

#include <cstdio>
#include <stdexcept>

static int Live = 0;

/// Prints when an object that owns its name is built or destroyed, not
/// moves (GCC 12 does not apply NRVO to a local in a nested block).
class Owner {
public:
  Owner() : Name("default") { created(); }
  explicit Owner(const char *Name) : Name(Name) { created(); }
  Owner(Owner &&Other) noexcept : Name(Other.Name) {
    Other.Name = nullptr;
    ++Live;
  }
  ~Owner() {
    --Live;
    if (Name)
      std::printf("dtor %s\n", Name);
  }
  const char *Name;

private:
  void created() {
    ++Live;
    std::printf("ctor %s\n", Name);
  }
};

static void fail() {
  std::puts("deferred call throws");
  throw std::runtime_error("from deferred");
}

// CHECK-LABEL: {{^}}static Owner prvalue() {
// CHECK-SAME: {{[:]}}:cxxdefer::detail::returned<::Owner> cxxdefer_returned;
// CHECK: {{[C]}}XXDEFER_RETURN_TRACKED(cxxdefer_returned, Owner("prvalue"))
// NOELIDE-LABEL: {{^}}static Owner prvalue() {
// NOELIDE-NOT: {{[c]}}xxdefer_returned
// NOELIDE: {{^}}  return Owner("prvalue");
static Owner prvalue() {
  __defer(fail());
  return Owner("prvalue");
}

// CHECK-LABEL: {{^}}static Owner named() {
// CHECK: {{^}}  { cxxdefer_returned.track(&O); return O; }
static Owner named() {
  __defer(fail());
  Owner O("named");
  return O;
}

// CHECK-LABEL: {{^}}static Owner eitherOf(bool First) {
// CHECK: {{^}}    CXXDEFER_RETURN_TRACKED(cxxdefer_returned, ::cxxdefer::detail::moved(A))
// CHECK-NEXT: {{^}}    CXXDEFER_RETURN_TRACKED(cxxdefer_returned, ::cxxdefer::detail::moved(B))
static Owner eitherOf(bool First) {
  __defer(fail());
  Owner A("a"), B("b");
  if (First)
    return A;
  return B;
}

static Owner recovered() {
  __defer([] {
    if (__recover())
      std::puts("recovered");
  }());
  __defer(fail());
  return Owner("abandoned");
}

#if __cplusplus >= 201703L
/// A result that cannot be moved (C++17 returns it by guaranteed elision):
/// nothing to track it with, the function keeps its text.
struct Pinned {
  Pinned() = default;
  Pinned(const Pinned &) = delete;
  ~Pinned() {}
};

// CHECK-LABEL: {{^}}static Pinned pinned() {
// CHECK-NOT: {{[c]}}xxdefer_returned
// CHECK: {{^}}  return Pinned();
static Pinned pinned() {
  __defer([] { throw std::runtime_error("pinned"); }());
  return Pinned();
}
#endif

int main() {
  try {
    Owner R = prvalue();
  } catch (const std::runtime_error &) {
    std::puts("caught");
  }
  try {
    Owner R = named();
  } catch (const std::runtime_error &) {
    std::puts("caught");
  }
  try {
    Owner R = eitherOf(false);
  } catch (const std::runtime_error &) {
    std::puts("caught");
  }
  {
    Owner R = recovered();
    std::printf("returned %s\n", R.Name);
  }
#if __cplusplus >= 201703L
  try {
    Pinned P = pinned();
  } catch (const std::runtime_error &) {
  }
#endif
  std::printf("live %d\n", Live);
  return 0;
}

// EXEC:      ctor prvalue
// EXEC-NEXT: deferred call throws
// EXEC-NEXT: dtor prvalue
// EXEC-NEXT: caught
// EXEC-NEXT: ctor named
// EXEC-NEXT: deferred call throws
// EXEC-NEXT: dtor named
// EXEC-NEXT: caught
// EXEC-NEXT: ctor a
// EXEC-NEXT: ctor b
// EXEC-NEXT: dtor a
// EXEC-NEXT: deferred call throws
// EXEC-NEXT: dtor b
// EXEC-NEXT: caught
// EXEC-NEXT: ctor abandoned
// EXEC-NEXT: deferred call throws
// GCC destroys the abandoned object while the exception leaves the slot,
// the rewrite for Clang when the recovered function returns.
// EXEC-DAG:  recovered
// EXEC-DAG:  dtor abandoned
// EXEC:      ctor default
// EXEC-NEXT: returned default
// EXEC-NEXT: dtor default
// EXEC-NEXT: live 0
