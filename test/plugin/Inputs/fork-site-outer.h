// Includes fork-site.h inside an #if, as leveldb's port/port.h includes
// its port_stdcxx.h: the child cuts this file off there, open #if and all.
#ifndef FORK_SITE_OUTER_H
#define FORK_SITE_OUTER_H

#include <string>

#if !defined(SITE_NOT_INCLUDED)
#include "fork-site.h"
#endif

inline std::string outer() { return "outer"; }

#endif
