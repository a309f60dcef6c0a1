# ===- deferfuzz/features.py - what the generator may use ------------------===#
#
# Every construct the generator emits belongs to one feature, and each
# feature can be switched off (--features=all,-nested). That is how the CI
# seed set stays green while the product still has known bugs: the CI preset
# below is "everything the product does today", and turning a feature on
# when its bug is fixed is a one-word change here.
#
# Constructs where Go and cxxdefer differ *by design* (docs/user-guide.md,
# "Where C++ differs from Go") are not features at all: the generator never
# emits them. They are listed in docs/fuzzing.md with the reason.
#
# ===----------------------------------------------------------------------===#

FEATURES = {
    "args": "deferred plain calls whose arguments have side effects "
            "(evaluated at the defer statement, left to right)",
    "callee": "deferred calls whose callee is computed by a call with a side effect",
    "closures": "deferred closures, capturing by reference",
    "by-value": "closures that capture loop variables by value, closures with parameters",
    "loops": "for loops with break and continue; defers in loops (heap tier)",
    "cond": "if/else and switch",
    "goto": "loops made by a backward goto (their defers are heap-allocated)",
    "methods": "deferred method calls on a local object (bound by reference)",
    "early-return": "return statements before the end of a function",
    "calls": "calls of other generated functions, plain and deferred",
    "recursion": "functions that call themselves",
    "panics": "panics (C++ throw) in function bodies",
    "panic-in-defer": "panics in deferred closures, hence aborted panics",
    "recover": "recover() directly in deferred closures, re-panics",
    "named-results": "Go named results, C++ __result",
    "return-recover": "a recovery after `return e;` in a function without a "
                      "named result (Go returns e)",
    "many-defers": "functions with more than 8 defer statements (stack tier)",
    "lambdas": "immediately invoked closures with defer statements of their own",
    "nested": "defer statements inside deferred closures",
}

ALL = list(FEATURES)

# Known product bugs, off in CI until fixed (see docs/fuzzing.md). None
# today: `nested` and `return-recover` were the last two.
KNOWN_FAILING = []

PRESETS = {
    "all": ALL,
    "ci": [f for f in ALL if f not in KNOWN_FAILING],
}


def parse(spec):
    """`all`, `ci`, `loops,cond`, `all,-nested`: a comma list of presets and
    features, a leading `-` removes. Returns the set in canonical order."""
    chosen = []
    for word in [w.strip() for w in spec.split(",") if w.strip()]:
        remove = word.startswith("-")
        name = word[1:] if remove else word
        names = PRESETS.get(name, [name])
        for n in names:
            if n not in FEATURES:
                raise ValueError("unknown feature %r (known: %s; presets: %s)" % (
                    n, ", ".join(ALL), ", ".join(PRESETS)))
            if remove:
                chosen = [c for c in chosen if c != n]
            elif n not in chosen:
                chosen.append(n)
    return [f for f in ALL if f in chosen]
