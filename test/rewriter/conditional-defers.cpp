// Defer statements in `if`/`else` register only when they execute (Go's
// TestConditionalDefers: with n = 8 and a panic, the deferred calls append
// [4, 2, 1]). Each nested defer statement has a cond_slot armed through
// its bit of the function's deferBits byte.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

static std::vector<int> List;

static void doAppend(int I) { List.push_back(I); }

static void printList(const char *What) {
  std::printf("%s [", What);
  for (size_t I = 0; I < List.size(); ++I)
    std::printf("%s%d", I ? " " : "", List[I]);
  std::printf("]\n");
  List.clear();
}

// CHECK: static void conditionalDefers(int N, bool Throw) { unsigned char cxxdefer_bits_[[@LINE+1]]_{{[0-9]+}} = 0;
static void conditionalDefers(int N, bool Throw) {
  __defer(doAppend(1));
  // CHECK: ::cxxdefer::detail::cond_slot<0> cxxdefer_d[[@LINE+3]]_5({{.*}}); try { ::cxxdefer::detail::cond_slot<1> cxxdefer_d[[@LINE+5]]_7({{.*}}); try { ::cxxdefer::detail::cond_slot<2> cxxdefer_d[[@LINE+7]]_7({{.*}}); try { if (N > 5) {
  // CHECK: cxxdefer_d[[@LINE+2]]_5.arm({{.*}}val(2)});
  if (N > 5) {
    __defer(doAppend(2));
    if (N > 8) {
      __defer(doAppend(3));
    } else {
      __defer(doAppend(4));
    }
  }
  if (Throw)
    throw std::runtime_error("testConditional");
}

int main() {
  try {
    conditionalDefers(8, true);
  } catch (const std::runtime_error &E) {
    std::printf("caught %s\n", E.what());
  }
  printList("n = 8");
  conditionalDefers(9, false);
  printList("n = 9");
  conditionalDefers(1, false);
  printList("n = 1");
  return 0;
}

// EXEC:      caught testConditional
// EXEC-NEXT: n = 8 [4 2 1]
// EXEC-NEXT: n = 9 [3 2 1]
// EXEC-NEXT: n = 1 [1]
// EXEC-EMPTY:
