#!/usr/bin/env bash
#===- scripts/fuzz.sh - differential fuzzing of cxxdefer against Go -------===#
#
# Builds the plugin and the batch tool if they are missing or stale, then runs
# test/fuzz/fuzz.py: random program pairs (C++ with cxxdefer, the same program
# in Go), each C++ half built in several configurations and run, its output
# compared with Go's. Exits 1 when any C++ build disagrees with Go. Examples:
#
#   scripts/fuzz.sh --seeds 1000 -j 2          # seeds 0..999, two at a time
#   scripts/fuzz.sh --seeds 17-17 --keep       # one seed, keep its files
#   scripts/fuzz.sh --features=ci,nested       # the CI features and one more
#   scripts/fuzz.sh --help                     # every option
#
# Work files go to build/fuzz/work, reduced reproducers to build/fuzz/report,
# Go's build cache to build/fuzz/go-cache unless GOCACHE is set (HOME may be
# read-only, as in CI). CXXDEFER_BUILD_DIR overrides build/. See
# docs/fuzzing.md.
#
#===----------------------------------------------------------------------===#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${CXXDEFER_BUILD_DIR:-$ROOT/build}"

for arg in "$@"; do
  case "$arg" in
    -h|--help|--list-features|--emit|--emit=*)
      exec python3 "$ROOT/test/fuzz/fuzz.py" --build-dir "$BUILD_DIR" "$@" ;;
  esac
done

if ! command -v go >/dev/null 2>&1; then
  echo "fuzz.sh: Go is not installed; scripts/install-deps.sh installs golang-go" >&2
  exit 2
fi
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  bash "$ROOT/scripts/build.sh"
else
  cmake --build "$BUILD_DIR" --target CxxDefer cxxdefer
fi

export GOCACHE="${GOCACHE:-$BUILD_DIR/fuzz/go-cache}"
exec python3 "$ROOT/test/fuzz/fuzz.py" --build-dir "$BUILD_DIR" "$@"
