// For isystem-library.cpp: a header from a system include directory that
// never names the extension or its runtime, declaring a function that
// (breaking the rule in docs/user-guide.md) recovers.
#ifndef PLAINLIB_PLAIN_H
#define PLAINLIB_PLAIN_H
namespace plainlib {
void recoverQuietly();
} // namespace plainlib
#endif
