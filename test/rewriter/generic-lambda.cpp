// A generic lambda's body is rewritten once and serves every
// instantiation, each with its own deferred calls (SPEC 2.8).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void show(int V) { traceInt("show int", V); }
static void show(const char *V) { std::printf("show text %s\n", V); }

int main() {
  auto L = [](auto V) {
    // One table entry per instantiation. The call may reach __recover(),
    // but a generic lambda cannot name its result type, so it never
    // recovers (docs/limitations.md): unwind(false).
    // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_5{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<int &>, ::cxxdefer::detail::by_value>, ::cxxdefer::detail::when<::cxxdefer::detail::key<const char *&>, ::cxxdefer::detail::by_value>>>([](auto&&... cxxdefer_a) { (void)show({{.*}}); }, [&]() -> decltype(auto) { return (V); })}; try {
    __defer(show(V));
    trace("lambda body");
    // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D1]]_5.unwind(false); ::cxxdefer::detail::rethrow(); } };
  };
  L(1);
  L("text");
  return 0;
}

// EXEC:      lambda body
// EXEC-NEXT: show int 1
// EXEC-NEXT: lambda body
// EXEC-NEXT: show text text
// EXEC-EMPTY:
