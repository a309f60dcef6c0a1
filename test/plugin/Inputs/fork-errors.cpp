// An error after the fork point, in a function that uses the named result:
// the child finds it and the compile reads the text as written, which must
// give the user's error only (the result's name is the header's
// placeholder, not an undeclared name). With HEADER_ERROR the error is in a header, before the
// fork point, and there is no fork at all.
#include <cstdio>
#include <cxxdefer.h>
#ifdef HEADER_ERROR
#include "broken.h"
#endif

int f() {
  __defer(std::puts("f"));
  __result = 1;
  return undeclared_name;
}
