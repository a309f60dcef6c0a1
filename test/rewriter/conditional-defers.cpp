// Defer statements in `if`/`else` register only when they execute (Go's
// TestConditionalDefers: with n = 8 and a panic, the deferred calls append
// [4, 2, 1]). Each nested defer statement has a hoisted slot, declared
// before the top-level statement that holds it and armed through its bit
// of the function's deferBits byte. (The rewriter's walk does not show
// that std::vector::push_back stays away from __recover(), so the slots
// are recovering ones.)
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

// CHECK: static void conditionalDefers(int N, bool Throw) { (void)::cxxdefer::detail::abi_check<7>{}; unsigned char cxxdefer_bits_[[#FN:@LINE+1]]_50 = 0;
static void conditionalDefers(int N, bool Throw) {
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)doAppend({{.*}}); }, ::cxxdefer::detail::value_arg{1}}}; try {
  __defer(doAppend(1));
  // CHECK: auto cxxdefer_c[[#D2:@LINE+3]]_5 = [](auto&&... cxxdefer_a) { (void)doAppend({{.*}}); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+3]]_5), ::cxxdefer::detail::value_arg<int>>> cxxdefer_s[[#@LINE+3]]_5; ::cxxdefer::detail::hoisted_recovering_slot<0, decltype(cxxdefer_s[[#@LINE+3]]_5)> cxxdefer_d[[#@LINE+3]]_5{cxxdefer_bits_[[#FN]]_50, cxxdefer_s[[#@LINE+3]]_5}; try { auto cxxdefer_c[[#D3:@LINE+6]]_7 = [](auto&&... cxxdefer_a) { (void)doAppend({{.*}}); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+6]]_7), ::cxxdefer::detail::value_arg<int>>> cxxdefer_s[[#@LINE+6]]_7; ::cxxdefer::detail::hoisted_recovering_slot<1, decltype(cxxdefer_s[[#@LINE+6]]_7)> cxxdefer_d[[#@LINE+6]]_7{cxxdefer_bits_[[#FN]]_50, cxxdefer_s[[#@LINE+6]]_7}; try { auto cxxdefer_c[[#D4:@LINE+9]]_7 = [](auto&&... cxxdefer_a) { (void)doAppend({{.*}}); }; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[#@LINE+9]]_7), ::cxxdefer::detail::value_arg<int>>> cxxdefer_s[[#@LINE+9]]_7; ::cxxdefer::detail::hoisted_recovering_slot<2, decltype(cxxdefer_s[[#@LINE+9]]_7)> cxxdefer_d[[#@LINE+9]]_7{cxxdefer_bits_[[#FN]]_50, cxxdefer_s[[#@LINE+9]]_7}; try { if (N > 5) {
  // CHECK: {{^}}    (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D2]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D2]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D2]]_5, ::cxxdefer::detail::value_arg{2}}), cxxdefer_bits_[[#FN]]_50 |= 1;
  if (N > 5) {
    __defer(doAppend(2));
    if (N > 8) {
      // CHECK: {{^}}      (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D3]]_7)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D3]]_7.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D3]]_7, ::cxxdefer::detail::value_arg{3}}), cxxdefer_bits_[[#FN]]_50 |= 2;
      __defer(doAppend(3));
    } else {
      // CHECK: {{^}}      (void)((false) ? static_cast<typename decltype(cxxdefer_s[[#D4]]_7)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[#D4]]_7.storage)) ::cxxdefer::detail::call{cxxdefer_c[[#D4]]_7, ::cxxdefer::detail::value_arg{4}}), cxxdefer_bits_[[#FN]]_50 |= 4;
      __defer(doAppend(4));
    }
  }
  if (Throw)
    throw std::runtime_error("testConditional");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D4]]_7.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D3]]_7.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D2]]_5.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }

static void appendOrThrow(int I) {
  List.push_back(I);
  if (I == 7)
    throw std::runtime_error("deferred 7");
}

// A statement that arms a typed slot is one expression (the call placed in
// the slot's store, then the bit set), so an `if` without braces keeps all
// of it and its `else` still binds. A deferred call that throws at the
// normal exit leaves the earlier ones to their handlers, and none runs
// twice: the exit tests a bit without clearing it, and nothing reads it
// after.
static void braceless(int N) {
  // CHECK: try { if (N > 0){{$}}
  // CHECK-NEXT: {{^}}    (void)((false) ? static_cast<{{.*}}value_arg{5}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
  // CHECK-NEXT: {{^}}  else
  // CHECK-NEXT: {{^}}    (void)((false) ? static_cast<{{.*}}value_arg{6}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 2;
  if (N > 0)
    __defer(appendOrThrow(5));
  else
    __defer(appendOrThrow(6));
  if (N > 1)
    __defer(appendOrThrow(7));
}

int main() {
  braceless(1);
  printList("braceless 1");
  braceless(0);
  printList("braceless 0");
  try {
    braceless(2);
  } catch (const std::runtime_error &E) {
    std::printf("caught %s\n", E.what());
  }
  printList("braceless 2");
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

// EXEC:      braceless 1 [5]
// EXEC-NEXT: braceless 0 [6]
// EXEC-NEXT: caught deferred 7
// EXEC-NEXT: braceless 2 [7 5]
// EXEC-NEXT: caught testConditional
// EXEC-NEXT: n = 8 [4 2 1]
// EXEC-NEXT: n = 9 [3 2 1]
// EXEC-NEXT: n = 1 [1]
// EXEC-EMPTY:
