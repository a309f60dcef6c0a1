# ===- deferfuzz/render_common.py - what both printers need to know -------===#
#
# The two printers differ in spelling only. What a function declares, which
# loop variables a closure captures by value, and the comment that describes
# a function are decided here, once, so that the C++ and the Go of a pair
# never disagree about them.
#
# ===----------------------------------------------------------------------===#

from . import model as m
from . import walk


class Printer:
    """Indented lines."""

    def __init__(self, indent):
        self.unit = indent
        self.lines = []
        self.level = 0

    def line(self, text=""):
        self.lines.append((self.unit * self.level + text) if text else "")

    def indent(self):
        self.level += 1

    def dedent(self):
        self.level -= 1

    def text(self):
        return "\n".join(self.lines) + "\n"


def uses(program):
    """Which helpers of the preludes the program needs: always `base`;
    `tick`, `show`, `pick`, `box` when a function uses them; `run` and
    `runVoid` for the drivers main calls."""
    used = {"base"}
    for fn in program.functions:
        for stmt in walk.stmts(fn.body):
            if isinstance(stmt, m.Defer):
                kind = {m.ShowCall: "show", m.PickCall: "pick",
                        m.MethodCall: "box"}.get(type(stmt.target))
                if kind:
                    used.add(kind)
        for e in walk.all_exprs(fn.body):
            if isinstance(e, m.Tick):
                used.add("tick")
            if isinstance(e, m.Var) and e.name == "box.v":
                used.add("box")
    for name, _ in program.runs:
        used.add("runVoid" if program.function(name).kind == m.VOID else "run")
    return used


def declared_locals(fn):
    """The function locals the body mentions, with their initial values,
    and those of them it never reads (they need a keep-alive use: Go
    rejects a variable that is never used, and -Wunused-but-set-variable
    one that is only written)."""
    read = set()
    written = set()
    for stmt in walk.stmts(fn.body):
        exprs = walk.exprs_of_stmt(stmt)
        if isinstance(stmt, m.Assign) and isinstance(stmt.target, m.Var):
            written.add(stmt.target.name)
            exprs = [stmt.value]
        for e in exprs:
            for sub in walk.subexprs(e):
                if isinstance(sub, m.Var):
                    read.add(sub.name)
    if walk.uses_box(fn.body):
        read.add("box")
    if any(isinstance(s, m.GotoLoop) for s in fn.body):
        read.add("g")
    names = [(v, init) for v, init in fn.locals + [("g", 0)] if v in read or v in written]
    unread = [v for v, _ in names if v not in read]
    return names, unread


def captured_by_value(closure, loop_vars_outside):
    """Loop variables of loops around `closure` that its body (nested
    closures included) reads: C++ captures them by value, Go reads its
    per-iteration copy."""
    # Arguments are evaluated outside the closure: only the body counts.
    read = walk.names_read(closure.body)
    return [v for v in loop_vars_outside if v in read]


def loop_var_needs_copy(loop):
    """Whether a closure inside `loop`'s body reads its variable (Go needs
    a per-iteration copy, `i := i`, for it to be captured by value)."""
    for stmt in walk.stmts(loop.body):
        closure = walk.closure_of(stmt)
        if closure is not None and loop.var in walk.names_read(closure.body):
            return True
    return False


def describe(fn):
    """One line for the comment above a function: its result, and how Go
    (and cxxdefer) implement its defer statements."""
    parts = {m.VOID: ["no result"], m.INT: ["int result"],
             m.NAMED: ["named result"]}[fn.kind]
    own = _own_defers(fn.body, in_loop=False)
    count = len(own)
    in_loop = sum(1 for looped in own if looped)
    returns = sum(1 for s in walk.stmts(fn.body, into_closures=False)
                  if isinstance(s, m.Return))
    if count:
        if in_loop:
            tier = "a defer in a loop: not open-coded"
        elif count > 8:
            tier = "more than 8: not open-coded"
        elif count * returns > 15:
            tier = "returns x defers > 15: not open-coded"
        else:
            tier = "open-coded"
        parts.append("%d defer statement%s (%s)" % (count, "" if count == 1 else "s", tier))
    if fn.name in walk.callees(fn.body):
        parts.append("recursive")
    if any(deferred and walk.has_defer(c.body, into_closures=True)
           for c, deferred in _closures(fn.body)):
        parts.append("nested defers")
    if any(isinstance(s, m.Recover) for s in walk.stmts(fn.body)):
        parts.append("recovers")
    return "%s: %s" % (fn.name, "; ".join(parts))


def _own_defers(body, in_loop):
    """[in_loop] for each defer statement that belongs to this body (not to
    a closure inside it)."""
    out = []
    for stmt in body:
        if isinstance(stmt, m.Defer):
            out.append(in_loop)
        for block in walk.child_blocks(stmt):
            out += _own_defers(block, in_loop or isinstance(stmt, (m.For, m.GotoLoop)))
    return out


def _closures(body):
    """(closure, deferred) for each closure directly or indirectly in body."""
    for stmt in walk.stmts(body):
        closure = walk.closure_of(stmt)
        if closure is not None:
            yield closure, isinstance(stmt, m.Defer)


def own_defer_in_closure(closure):
    """Whether a closure has defer statements of its own (then, in C++, it
    has its own `__result` scope)."""
    return bool(_own_defers(closure.body, False))
