# ===- deferfuzz - differential fuzzing of cxxdefer against Go ------------===#
#
# model      the program tree both languages are printed from
# features   what the generator may use, and the CI preset
# generate   seeded random programs
# render_*   the C++ and the Go printers (render_common: what both decide)
# walk       traversals of the tree
# runner     builds and runs a pair in every configuration, compares with Go
# minimize   shrinks a failing program
# cli        the command line (test/fuzz/fuzz.py, scripts/fuzz.sh)
#
# See docs/fuzzing.md.
#
# ===----------------------------------------------------------------------===#
