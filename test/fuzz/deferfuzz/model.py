# ===- deferfuzz/model.py - the program both languages are printed from ---===#
#
# A generated test is one abstract program, printed twice: as C++ that uses
# cxxdefer and as Go. Keeping a single tree, rather than generating two texts
# side by side, is what makes the pair agree by construction: every decision
# (which statement, which value, which tag) is made once, and each printer
# only spells it. It also lets the minimiser work on structure (drop a
# function, a statement, a branch) and print both languages again.
#
# The language is deliberately small. All values are ints; the only state is
# the parameter `n`, up to three function locals `a`, `b`, `c` declared at the
# top of a function (so closures may capture them by reference in both
# languages and they outlive every deferred call), loop variables, closure
# parameters, the named result and a global event counter. Each node says what
# it means in Go terms; docs/fuzzing.md lists what is left out and why.
#
# ===----------------------------------------------------------------------===#

from dataclasses import dataclass, field
from typing import List, Optional, Tuple, Union

# ---------------------------------------------------------------------------
# Expressions (int valued).
# ---------------------------------------------------------------------------


@dataclass
class Const:
    value: int


@dataclass
class Var:
    """`n`, a function local (a, b, c), the field `box.v` of the local
    `box`, a loop variable (i, j, k) or a closure parameter (v1, w1, ...):
    the printers spell it the same."""
    name: str


@dataclass
class Result:
    """The named result: Go's `r`, C++'s `__result` (or a reference to it)."""


@dataclass
class Add:
    left: "Expr"
    right: int


@dataclass
class Tick:
    """`tick("tag")`: prints `tag = N` and returns N, the next value of a
    global counter. The side effect that shows when an operand is
    evaluated."""
    tag: str


@dataclass
class Call:
    """`fK(arg)`, a call of a generated function that returns int."""
    callee: str
    arg: "Expr"


Expr = Union[Const, Var, Result, Add, Tick, Call]

# ---------------------------------------------------------------------------
# Conditions.
# ---------------------------------------------------------------------------


@dataclass
class Cmp:
    left: Expr
    op: str  # one of < > == !=
    right: int


@dataclass
class IsEven:
    operand: Expr


Cond = Union[Cmp, IsEven]

# ---------------------------------------------------------------------------
# What a defer statement (or an immediately invoked closure) calls.
# ---------------------------------------------------------------------------


@dataclass
class ShowCall:
    """`show("tag", args...)`: prints the tag and the values it was given.
    With side effects in `args`, it checks that they are evaluated at the
    defer statement, left to right."""
    tag: str
    args: List[Expr]


@dataclass
class PickCall:
    """`pick("tag")(label, x, y)`: the callee itself is computed by a call
    with a side effect, which Go evaluates before the arguments."""
    pick_tag: str
    tag: str
    args: List[Expr]  # exactly two


@dataclass
class FnCall:
    """`fK(arg)`: a call of a generated function (result discarded)."""
    callee: str
    arg: Expr


@dataclass
class Closure:
    """A function literal called at once: C++ `[&] { ... }()` or
    `[&](int v1) { ... }(e)`, Go `func() { ... }()` or
    `func(v1 int) { ... }(e)`. Loop variables it uses are captured by value
    (C++ `[&, i]`, Go a per-iteration copy `i := i`); everything else is
    captured by reference in both languages."""
    params: List[Tuple[str, Expr]]
    body: List["Stmt"]


@dataclass
class MethodCall:
    """`box.add("tag", d)` on the function's local `box`: C++ binds the
    object at the defer statement by reference, as Go binds the pointer
    receiver `&box`; the call sees the object as it is at exit."""
    tag: str
    arg: "Expr"


DeferTarget = Union[ShowCall, PickCall, FnCall, Closure, MethodCall]

# ---------------------------------------------------------------------------
# Statements.
# ---------------------------------------------------------------------------


@dataclass
class Trace:
    """`trace("tag: a=%d ...", a, ...)`: one line of output."""
    tag: str
    names: List[str]
    values: List[Expr]


@dataclass
class Assign:
    target: Union[Var, Result]
    value: Expr


@dataclass
class CallStmt:
    """`fK(arg);` as a statement (void or int callee)."""
    callee: str
    arg: Expr


@dataclass
class Defer:
    target: DeferTarget


@dataclass
class Invoke:
    """A closure called at once, not deferred; it has its own deferred
    calls, which run when it returns."""
    closure: Closure


@dataclass
class If:
    cond: Cond
    then: List["Stmt"]
    orelse: List["Stmt"] = field(default_factory=list)


@dataclass
class Switch:
    """`switch (e) { case K: ... break; default: ... }`; Go's cases do not
    fall through and neither do these."""
    value: Expr
    cases: List[Tuple[int, List["Stmt"]]]
    default: Optional[List["Stmt"]] = None


@dataclass
class For:
    var: str
    count: int
    body: List["Stmt"]


@dataclass
class GotoLoop:
    """A loop made by a backward goto, at a function's top level:
    `again: body; if (++g < count) goto again;` (Go: `g++` then the `if`).
    SPEC 2.9: code that a backward goto can repeat counts as a loop, as in
    Go (its defer statements are heap-allocated)."""
    count: int
    body: List["Stmt"]


@dataclass
class Break:
    pass


@dataclass
class Continue:
    pass


@dataclass
class Return:
    """`return e;` (int functions), `return;` (void functions, closures), or
    a bare Go `return` in a function with a named result (`value` None)."""
    value: Optional[Expr]


@dataclass
class Panic:
    """C++ `throw Panic{v};`, Go `panic(Panic{v})`."""
    value: int


@dataclass
class Recover:
    """`recover()` called directly in a deferred closure. With `body`
    None it prints what recover returned (`-1` for nil); otherwise
    `if p := recover(); p != nil { trace(...); body }`."""
    tag: str
    var: str
    body: Optional[List["Stmt"]]


@dataclass
class Repanic:
    """Inside a recover block: panic again with the recovered value (Go
    `panic(p)`, C++ `std::rethrow_exception(p)`)."""
    var: str


Stmt = Union[Trace, Assign, CallStmt, Defer, Invoke, If, Switch, For, GotoLoop,
             Break, Continue, Return, Panic, Recover, Repanic]

# ---------------------------------------------------------------------------
# Functions and programs.
# ---------------------------------------------------------------------------

VOID, INT, NAMED = "void", "int", "named"


@dataclass
class Function:
    name: str
    kind: str  # VOID, INT (unnamed result) or NAMED (Go's named result)
    body: List[Stmt]
    locals: List[Tuple[str, int]]  # (name, initial value), declared on use
    note: str = ""  # one line for the comment above the function


@dataclass
class Program:
    seed: int
    std: str  # "c++14", "c++17" or "c++20"
    features: List[str]
    functions: List[Function]
    runs: List[Tuple[str, int]]  # main calls these (function, argument)

    def function(self, name):
        for f in self.functions:
            if f.name == name:
                return f
        raise KeyError(name)
