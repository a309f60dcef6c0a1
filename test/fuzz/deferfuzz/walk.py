# ===- deferfuzz/walk.py - traversals of the program tree ------------------===#
#
# The generator, both printers and the minimiser ask the same questions of a
# tree: which statements are nested in which, which variables an expression
# reads, which functions a body calls. They are answered here once, by
# generic traversals over the dataclasses of model.py.
#
# ===----------------------------------------------------------------------===#

from . import model as m


def child_blocks(stmt):
    """The statement lists directly inside `stmt` (not inside closures)."""
    if isinstance(stmt, m.If):
        return [stmt.then, stmt.orelse]
    if isinstance(stmt, m.Switch):
        blocks = [body for _, body in stmt.cases]
        if stmt.default is not None:
            blocks.append(stmt.default)
        return blocks
    if isinstance(stmt, (m.For, m.GotoLoop)):
        return [stmt.body]
    if isinstance(stmt, m.Recover) and stmt.body is not None:
        return [stmt.body]
    return []


def closure_of(stmt):
    """The closure a statement defers or invokes, if any."""
    if isinstance(stmt, m.Defer) and isinstance(stmt.target, m.Closure):
        return stmt.target
    if isinstance(stmt, m.Invoke):
        return stmt.closure
    return None


def stmts(body, into_closures=True):
    """Every statement of `body`, depth first, optionally also those in the
    bodies of closures."""
    for stmt in body:
        yield stmt
        for block in child_blocks(stmt):
            yield from stmts(block, into_closures)
        closure = closure_of(stmt)
        if closure is not None and into_closures:
            yield from stmts(closure.body, into_closures)


def expr_children(expr):
    if isinstance(expr, m.Add):
        return [expr.left]
    if isinstance(expr, m.Call):
        return [expr.arg]
    return []


def exprs_of_stmt(stmt):
    """The expressions a statement evaluates itself (not those of nested
    statements or closure bodies; closure arguments are included)."""
    out = []
    if isinstance(stmt, m.Trace):
        out = list(stmt.values)
    elif isinstance(stmt, m.Assign):
        out = [stmt.target, stmt.value]
    elif isinstance(stmt, m.CallStmt):
        out = [stmt.arg]
    elif isinstance(stmt, m.Defer):
        out = target_exprs(stmt.target)
    elif isinstance(stmt, m.Invoke):
        out = [e for _, e in stmt.closure.params]
    elif isinstance(stmt, m.If):
        out = [stmt.cond.left if isinstance(stmt.cond, m.Cmp) else stmt.cond.operand]
    elif isinstance(stmt, m.Switch):
        out = [stmt.value]
    elif isinstance(stmt, m.Return) and stmt.value is not None:
        out = [stmt.value]
    return out


def target_exprs(target):
    if isinstance(target, (m.ShowCall, m.PickCall)):
        return list(target.args)
    if isinstance(target, (m.FnCall, m.MethodCall)):
        return [target.arg]
    if isinstance(target, m.Closure):
        return [e for _, e in target.params]
    return []


def subexprs(expr):
    yield expr
    for child in expr_children(expr):
        yield from subexprs(child)


def all_exprs(body):
    """Every expression evaluated anywhere in `body`, closures included."""
    for stmt in stmts(body):
        for expr in exprs_of_stmt(stmt):
            yield from subexprs(expr)


def names_read(body):
    """Variable names used anywhere in `body` (closures included)."""
    return {e.name for e in all_exprs(body) if isinstance(e, m.Var)}


def uses_result(body):
    return any(isinstance(e, m.Result) for e in all_exprs(body)) or any(
        isinstance(s, m.Return) and s.value is None for s in stmts(body, into_closures=False))


def callees(body):
    """Names of the generated functions `body` calls or defers."""
    out = set()
    for stmt in stmts(body):
        if isinstance(stmt, m.CallStmt):
            out.add(stmt.callee)
        elif isinstance(stmt, m.Defer) and isinstance(stmt.target, m.FnCall):
            out.add(stmt.target.callee)
    for expr in all_exprs(body):
        if isinstance(expr, m.Call):
            out.add(expr.callee)
    return out


def uses_box(body):
    """Whether `body` mentions the local `box` (its field or its method)."""
    return any(isinstance(e, m.Var) and e.name == "box.v" for e in all_exprs(body)) or any(
        isinstance(s, m.Defer) and isinstance(s.target, m.MethodCall) for s in stmts(body))


def has_defer(body, into_closures):
    return any(isinstance(s, m.Defer) for s in stmts(body, into_closures))


def reachable_functions(program):
    """The functions main's runs reach through calls, in program order."""
    seen = set()
    todo = [name for name, _ in program.runs]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(callees(program.function(name).body))
    return [f for f in program.functions if f.name in seen]
