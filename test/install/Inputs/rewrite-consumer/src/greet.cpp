#include "greet/greet.h"
#include "local.h"

int greet(const char *Who) {
  __defer(say(LOCAL_FAREWELL));
  std::printf("%s, %s\n", GREETING, Who);
  return 1;
}
