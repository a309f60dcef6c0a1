#!/usr/bin/env bash
#===- scripts/bench-compile.sh - What the plugin costs a compile ----------===#
#
# The compile-time sibling of scripts/bench.sh (which measures run time):
#
#   scripts/bench-compile.sh [--quick] [--no-leveldb] [--no-build] [--update-docs]
#                            [--realcode=DIR]
#
# 1. makes sure the plugin and the batch tool are built (configures <build> first if needed),
#    unless --no-build;
# 2. runs benchmarks/compile/measure.py: the CPU time of the probe
#    translation unit (benchmarks/compile/probe-defer.cpp) through the
#    plugin against its hand-written twin at -O0 -c, -O2 -c and
#    -fsyntax-only, then a clean build of the leveldb 1.23 library with
#    test/realcode's __defer patch against the unpatched library (--no-leveldb
#    skips it; it needs test/realcode and Debian's source archive, and takes
#    about ten minutes); each against the same code without defers with the
#    plugin loaded too; and the batch tool's --check over leveldb: without
#    defers against a -fsyntax-only of every unit, and with them at -j1
#    against -j2 (wall time);
# 3. prints the markdown table and writes it to
#    <build>/benchmarks/compile.md; with --update-docs also into
#    docs/benchmarks.md, between its compile-time markers.
#
# --quick runs 3 rounds instead of 7 (leveldb: 1 instead of 3).
# --realcode=DIR takes the leveldb download and patch from DIR instead of
# test/realcode.
# Works from any directory. CXXDEFER_BUILD_DIR overrides build/.
#
#===----------------------------------------------------------------------===#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${CXXDEFER_BUILD_DIR:-$ROOT/build}"
OUT="$BUILD_DIR/benchmarks"

rounds=7
build=1
extra=()
for arg in "$@"; do
  case "$arg" in
    --quick) rounds=3 ;;
    --no-build) build=0 ;;
    --no-leveldb) extra+=(--no-leveldb) ;;
    --update-docs) extra+=(--update-docs) ;;
    --realcode=*) extra+=(--realcode "${arg#--realcode=}") ;;
    -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-compile.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

if ((build)); then
  if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$BUILD_DIR" --target CxxDefer cxxdefer
fi

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- plugin rewriter runtime 2>/dev/null)" ]]; then
  commit="$commit+changes"
fi

python3 "$ROOT/benchmarks/compile/measure.py" \
  --plugin "$BUILD_DIR/lib/CxxDefer.so" --tool "$BUILD_DIR/bin/cxxdefer" --cxx "${CXXDEFER_BENCH_CXX:-clang++-19}" \
  --work "$OUT/compile-work" --out "$OUT/compile.md" --rounds "$rounds" \
  --commit "$commit" "${extra[@]}"
