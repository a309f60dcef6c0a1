// fork-site.cpp's project header: the only file of its translation unit
// that mentions the extension, as a header most files of a project include
// would be. The compile forks where its code begins (after its #include
// lines) and the child stops reading at its end.
#ifndef SITE_UNGUARDED
#pragma once
#endif

#include <cstdio>
#include <cxxdefer.h>
#include <mutex>

namespace site {

inline int locked(std::mutex &M, int V) {
  M.lock();
  __defer(M.unlock());
  __defer(std::printf("locked: deferred, result %d\n", __result));
  return V + 1;
}

#ifdef SITE_TEMPLATE
template <class T> T doubled(T V) {
  __defer(std::puts("doubled: deferred"));
  return V * 2;
}
#endif

#ifdef SITE_ERROR
inline int broken() { return undeclared_in_site; }
#endif

inline int line() {
  __defer(std::puts("line: deferred"));
  return __LINE__;
}

} // namespace site
