// The header-site fork's main input (fork-header.test): it never mentions
// the extension; fork-site.h, which it includes through another header,
// does. plain.h comes after the site, and code follows.
#include "fork-site-outer.h"
#include "plain.h"
#include <cstdio>
#ifdef SITE_LATE_LIBRARY
#include <cxxlib/guard.h>
#endif

int main() {
  std::mutex M;
  std::printf("locked %d\n", site::locked(M, twice(20)));
  std::printf("line %d\n", site::line());
#ifdef SITE_TEMPLATE
  std::printf("doubled %d\n", site::doubled(21));
#endif
#ifdef SITE_LATE_LIBRARY
  std::printf("checked %d\n", cxxlib::checked(2));
#endif
  std::printf("%s\n", outer().c_str());
  return 0;
}
