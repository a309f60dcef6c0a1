// Found through the source's own directory (#include "local.h"), which the
// rewritten copy of greet.cpp is no longer in.
#pragma once
#define LOCAL_FAREWELL "goodbye"
