#include <plainlib/plain.h>
#include <cxxdefer.h>

void plainlib::recoverQuietly() { (void)__recover(); }
