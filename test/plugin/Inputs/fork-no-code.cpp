// For fork.test: after the #include block there is no code, only an #if 0
// block: the compile reaches the end of the main file without a token to
// fork at, and nothing is left to analyse.
#include <cstdio>
#if 0
int f() { __defer(std::puts("never compiled")); return 0; }
#endif
