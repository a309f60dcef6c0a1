// An argument that a converting constructor turns into the parameter type
// is converted at the defer statement (SPEC 2.3): a std::string parameter
// made from a char buffer keeps the text the buffer had then.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <cstring>
#include <string>

#include "Inputs/trace.h"

static void byValue(std::string S) { std::printf("byValue %s\n", S.c_str()); }
static void byConstRef(const std::string &S) { std::printf("byConstRef %s\n", S.c_str()); }

struct Name {
  Name(const char *Text) : Text(Text) { std::printf("convert %s\n", Text); }
  std::string Text;
};

static void byName(Name N) { std::printf("byName %s\n", N.Text.c_str()); }

static void run() {
  char Buffer[16] = "before";
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)byValue(static_cast<decltype(cxxdefer_a)&&>(cxxdefer_a)...); }, ::cxxdefer::detail::as<::std::string>(Buffer)}}; try {
  __defer(byValue(Buffer));
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)byConstRef(static_cast<decltype(cxxdefer_a)&&>(cxxdefer_a)...); }, ::cxxdefer::detail::as<::std::string>(Buffer)}}; try {
  __defer(byConstRef(Buffer));
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)byName(static_cast<decltype(cxxdefer_a)&&>(cxxdefer_a)...); }, ::cxxdefer::detail::as<::Name>(Buffer)}}; try {
  __defer(byName(Buffer));
  std::strcpy(Buffer, "after");
  std::printf("body %s\n", Buffer);
}

int main() {
  run();
  return 0;
}

// EXEC:      convert before
// EXEC-NEXT: body after
// EXEC-NEXT: byName before
// EXEC-NEXT: byConstRef before
// EXEC-NEXT: byValue before
// EXEC-EMPTY:
