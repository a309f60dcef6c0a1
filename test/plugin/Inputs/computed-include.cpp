// The header that defers is reached through a macro: the plugin's scan
// cannot follow it, the compile's include watcher does.
#define GUARD_HEADER "guard.h"
#include GUARD_HEADER

int main() {
  guarded("main", [] { std::puts("inside"); });
  return 0;
}
