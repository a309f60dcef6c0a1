#!/usr/bin/env bash
#===- scripts/sanitize.sh - The core under AddressSanitizer and UBSan ------===#
#
# Builds the batch tool (and with it the rewriter core) in Debug with
# -fsanitize=address,undefined and assertions on, in build-asan/ (or
# $CXXDEFER_ASAN_BUILD_DIR), then rewrites every source file of the semantic
# tests with it and with the Release tool of build/ (each file in one of
# C++14, 17 and 20, in turn, so that every mode's paths run): any sanitizer report, any
# assertion, any difference in the text, the messages or the exit status
# fails. (The plugin runs inside an unsanitized clang, so the core is
# checked through the tool.) Prints one line per failure and a summary;
# exits non-zero on a failure. Needs build/ built (scripts/build.sh).
#
#===----------------------------------------------------------------------===#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${CXXDEFER_BUILD_DIR:-$ROOT/build}"
ASAN_DIR="${CXXDEFER_ASAN_BUILD_DIR:-$ROOT/build-asan}"

cmake -S "$ROOT" -B "$ASAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCXXDEFER_SANITIZE=address,undefined -DBUILD_TESTING=OFF > /dev/null
cmake --build "$ASAN_DIR" --target cxxdefer

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

files=0
failures=0
modes=(c++14 c++17 c++20)
for src in "$ROOT"/test/rewriter/*.cpp "$ROOT"/test/recover/*.cpp \
  "$ROOT"/test/tiers/*.cpp "$ROOT"/test/errdefer/*.cpp; do
  dir="$(dirname "$src")"
  for std in "${modes[files % 3]}"; do
    flags=(-std=$std -I "$ROOT/runtime/include" -I "$dir")
    rc_release=0
    rc_asan=0
    "$BUILD_DIR/bin/cxxdefer" --quiet "$src" -- "${flags[@]}" \
      > "$WORK/release.out" 2> "$WORK/release.err" || rc_release=$?
    "$ASAN_DIR/bin/cxxdefer" --quiet "$src" -- "${flags[@]}" \
      > "$WORK/asan.out" 2> "$WORK/asan.err" || rc_asan=$?
    files=$((files + 1))
    if grep -qE "AddressSanitizer|runtime error:|Assertion .* failed" \
        "$WORK/asan.err"; then
      echo "sanitize: FAIL ${src#$ROOT/} -std=$std: a sanitizer or an assertion stopped the tool:"
      sed -n '1,30p' "$WORK/asan.err"
      failures=$((failures + 1))
    elif [[ $rc_release -ne $rc_asan ]] ||
        ! cmp -s "$WORK/release.out" "$WORK/asan.out" ||
        ! cmp -s "$WORK/release.err" "$WORK/asan.err"; then
      echo "sanitize: FAIL ${src#$ROOT/} -std=$std: the Debug tool differs from the Release tool (exit $rc_asan vs $rc_release)"
      diff "$WORK/release.err" "$WORK/asan.err" | sed -n '1,20p' || true
      failures=$((failures + 1))
    fi
  done
done
echo "sanitize: $files rewrites under address,undefined, $failures failed"
[[ $failures -eq 0 ]]
