// For fork-errors.cpp: a header with an error.
inline int broken() { return not_declared_here; }
