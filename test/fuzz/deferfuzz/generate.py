# ===- deferfuzz/generate.py - random programs, the same on every machine -===#
#
# Builds one model.Program from a seed. Three properties matter more than
# variety:
#
# * Determinism. Only random.Random.random() is used (its sequence for an int
#   seed is guaranteed across Python versions; randrange/choice are not), so
#   seed N is the same pair everywhere and a failure is reproducible from its
#   number alone.
#
# * Both languages must mean the same thing. The generator only emits what
#   SPEC.md promises and Go does alike: recover() only directly in a deferred
#   closure; closures capture loop variables by value and everything else by
#   reference, and only variables that live until the function returns;
#   at most one side effect per ordinary expression (C++ does not order a
#   call's arguments), several only in a deferred call's operands under
#   C++17 and later (cxxdefer orders those left to right, as Go does); no
#   recovery after `return e;` in a function without a named result unless
#   the `return-recover` feature asks for it (the results are `int`, which
#   cxxdefer returns as Go does; a class-type result would differ).
#
# * Termination and size. Functions call only functions with a higher index,
#   and themselves linearly (`if n > 0 { f(n-1) }`, once, outside loops), with
#   n between 0 and 3; a static bound on the lines each function prints keeps
#   every program small (a function over budget is generated again).
#
# ===----------------------------------------------------------------------===#

import random
from dataclasses import dataclass, field, replace
from typing import List, Optional

from . import model as m
from . import walk

LOCALS = ["a", "b", "c"]
LOOP_VARS = ["i", "j", "k", "l"]
MAX_N = 3
COST_BUDGET = 400


class Rng:
    """The few draws the generator needs, built on random() alone."""

    def __init__(self, seed):
        self._r = random.Random(seed)

    def below(self, n):
        return min(int(self._r.random() * n), n - 1)

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def chance(self, p):
        return self._r.random() < p

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        """pairs: [(weight, value)] with weight > 0."""
        total = sum(w for w, _ in pairs)
        x = self._r.random() * total
        for w, v in pairs:
            x -= w
            if x < 0:
                return v
        return pairs[-1][1]


@dataclass
class FnState:
    """What the generator knows about the function being generated."""
    name: str
    index: int
    kind: str
    # An unnamed-int function that may recover at its own level must not
    # have deferred calls that panic (the `return-recover` difference).
    restrict_deferred_panics: bool
    allow_recover_here: bool
    sites: int = 0
    self_called: bool = False
    has_goto: bool = False

    def tag(self):
        self.sites += 1
        return "%s.%d" % (self.name, self.sites)


@dataclass
class Ctx:
    """Where a statement is being generated."""
    fn: FnState
    depth: int = 0            # statement nesting
    closure_depth: int = 0    # closures around this point
    loop_vars: List[str] = field(default_factory=list)
    captured: List[str] = field(default_factory=list)  # loop vars from outside the closure
    params: List[str] = field(default_factory=list)
    in_loop: bool = False     # break/continue allowed (reset by closures)
    loop_mult: int = 1        # iterations of the loops around (closures keep it)
    owner_is_function: bool = True  # the defer statements here belong to the function
    in_deferred: bool = False  # inside some deferred closure
    recover_ok: bool = False   # directly in a deferred closure that may recover
    recover_var: Optional[str] = None  # inside that recover block
    in_defer_macro: bool = False  # lexically inside __defer(...)
    no_panic: bool = False


@dataclass
class FnInfo:
    kind: str
    may_panic: bool
    cost: int


class Generator:
    def __init__(self, seed, features, std, functions=None):
        self.rng = Rng(seed)
        self.seed = seed
        self.features = set(features)
        self.std = std
        self.nfunctions = functions or self.rng.between(16, 28)
        self.info = {}  # name -> FnInfo, for functions already generated

    def has(self, feature):
        return feature in self.features

    # -- program -------------------------------------------------------------

    def program(self):
        functions = []
        for index in reversed(range(self.nfunctions)):
            functions.append(self.function(index))
        functions.reverse()
        runs = [(f.name, self.rng.between(0, MAX_N)) for f in functions]
        features = [f for f in _feature_order() if f in self.features]
        return m.Program(self.seed, self.std, features, functions, runs)

    def function(self, index):
        name = "f%d" % index
        for attempt in range(6):
            calls_ok = attempt < 5
            fn, body, local_inits = self._function_once(index, name, calls_ok)
            cost = self.cost(body, name) + 2
            if fn.self_called:
                cost *= MAX_N + 1
            if cost <= COST_BUDGET:
                break
        self.info[name] = FnInfo(fn.kind, self.may_panic(body), cost)
        return m.Function(name, fn.kind, body, local_inits)

    def _function_once(self, index, name, calls_ok):
        kinds = [(3, m.VOID), (4, m.INT)]
        if self.has("named-results"):
            kinds.append((4, m.NAMED))
        kind = self.rng.weighted(kinds)
        restrict = False
        allow_recover = True
        if kind == m.INT and not self.has("return-recover"):
            restrict = self.rng.chance(0.5)
            allow_recover = restrict
        fn = FnState(name, index, kind, restrict, allow_recover)
        self.calls_ok = calls_ok
        ctx = Ctx(fn)
        body = self.block(ctx, self.rng.between(4, 10))
        if self.has("many-defers") and self.rng.chance(0.2):
            self.add_defers(ctx, body, self.rng.between(9, 13))
        if kind == m.NAMED and not walk.has_defer(body, into_closures=False):
            body.insert(self.rng.below(len(body) + 1), m.Defer(self.defer_target(ctx)))
        if self.rng.chance(0.5):
            body.append(m.Trace(fn.tag(), list(LOCALS), [m.Var(v) for v in LOCALS]))
        if kind != m.VOID:
            body.append(m.Return(self.value(ctx)))
        local_inits = [(v, self.rng.between(0, 9)) for v in LOCALS + ["box"]]
        return fn, body, local_inits

    def add_defers(self, ctx, body, target):
        """Top-up to `target` defer statements at the function's top level:
        more than 8 makes Go (and cxxdefer) give up open coding."""
        count = sum(1 for s in body if isinstance(s, m.Defer))
        while count < target:
            body.insert(self.rng.below(len(body) + 1), m.Defer(self.defer_target(ctx)))
            count += 1

    # -- statements ----------------------------------------------------------

    def block(self, ctx, count):
        out = []
        for _ in range(count):
            out.append(self.stmt(ctx))
            # A statement that always leaves the block ends it now and then.
            if isinstance(out[-1], (m.Return, m.Panic, m.Break, m.Continue, m.Repanic)):
                break
        return out

    def can_defer(self, ctx):
        return not ctx.in_defer_macro or self.has("nested")

    def can_panic(self, ctx):
        if ctx.no_panic:
            return False
        return self.has("panic-in-defer") if ctx.in_deferred else self.has("panics")

    def stmt(self, ctx):
        r = self.rng
        deep = ctx.depth >= 3
        choices = [(3, "trace"), (3, "assign")]
        if self.can_defer(ctx):
            choices.append((6 if ctx.loop_vars else 5, "defer"))
        if self.has("lambdas") and ctx.closure_depth < 2 and not deep:
            choices.append((1, "invoke"))
        if self.has("cond") and not deep:
            choices += [(3, "if"), (1, "switch")]
        if self.has("loops") and not deep and len(ctx.loop_vars) < 2 and ctx.closure_depth < 2:
            choices.append((2, "for"))
        if (self.has("goto") and ctx.depth == 0 and ctx.closure_depth == 0
                and not ctx.fn.has_goto):
            choices.append((1, "goto"))
        if ctx.in_loop:
            choices.append((2, "jump"))
        if self.has("early-return") and ctx.depth > 0:
            choices.append((1, "return"))
        if self.can_panic(ctx):
            choices.append((1.5 if ctx.in_deferred else 1, "panic"))
        if ctx.recover_ok and ctx.recover_var is None:
            choices.append((4, "recover"))
        if ctx.recover_var is not None and self.can_panic(ctx):
            choices.append((1, "repanic"))
        if self.has("calls") and self.calls_ok and self.callee_choices(ctx, False):
            choices.append((2, "call"))
        if (self.has("recursion") and self.calls_ok and not ctx.fn.self_called
                and ctx.loop_mult == 1 and not ctx.no_panic):
            choices.append((1, "recurse"))
        what = r.weighted(choices)
        return getattr(self, "stmt_" + what)(ctx)

    def stmt_trace(self, ctx):
        names = self.readable(ctx)
        picked = []
        for _ in range(self.rng.between(1, 2)):
            picked.append(self.rng.pick(names))
        picked = list(dict.fromkeys(picked))
        values = [m.Result() if p == "r" else m.Var(p) for p in picked]
        return m.Trace(ctx.fn.tag(), picked, values)

    def stmt_assign(self, ctx):
        targets = [m.Var(v) for v in LOCALS]
        if ctx.fn.kind == m.NAMED:
            targets += [m.Result(), m.Result()]
        target = self.rng.pick(targets)
        value = self.value(ctx, effects=1)
        if value == target:  # x = x is a -Wself-assign warning
            value = m.Add(value, self.rng.between(1, 5))
        return m.Assign(target, value)

    def stmt_defer(self, ctx):
        return m.Defer(self.defer_target(ctx))

    def stmt_invoke(self, ctx):
        inner = replace(ctx, depth=ctx.depth + 1, closure_depth=ctx.closure_depth + 1,
                        params=list(ctx.params), in_loop=False, owner_is_function=False,
                        recover_ok=False, recover_var=None, captured=list(ctx.loop_vars))
        params = self.closure_params(ctx, inner, effects=1)
        body = self.block(inner, self.rng.between(2, 5))
        return m.Invoke(m.Closure(params, body))

    def stmt_if(self, ctx):
        inner = replace(ctx, depth=ctx.depth + 1)
        then = self.block(inner, self.rng.between(1, 3))
        orelse = self.block(inner, self.rng.between(1, 2)) if self.rng.chance(0.4) else []
        return m.If(self.cond(ctx), then, orelse)

    def stmt_switch(self, ctx):
        inner = replace(ctx, depth=ctx.depth + 1)
        value = self.rng.pick([m.Var("n")] + [m.Var(v) for v in self.loop_vars(ctx)])
        labels = [0, 1, 2, 3]
        cases = []
        for _ in range(self.rng.between(1, 3)):
            label = labels.pop(self.rng.below(len(labels)))
            cases.append((label, self.block(inner, self.rng.between(1, 2))))
        cases.sort(key=lambda c: c[0])
        default = self.block(inner, self.rng.between(1, 2)) if self.rng.chance(0.5) else None
        return m.Switch(value, cases, default)

    def stmt_for(self, ctx):
        var = LOOP_VARS[len(ctx.loop_vars)]
        count = self.rng.between(1, 4)
        inner = replace(ctx, depth=ctx.depth + 1, loop_vars=ctx.loop_vars + [var],
                        in_loop=True, loop_mult=ctx.loop_mult * count)
        body = self.block(inner, self.rng.between(2, 4))
        return m.For(var, count, body)

    def stmt_goto(self, ctx):
        ctx.fn.has_goto = True
        count = self.rng.between(2, 3)
        inner = replace(ctx, depth=ctx.depth + 1, loop_mult=ctx.loop_mult * count)
        return m.GotoLoop(count, self.block(inner, self.rng.between(2, 4)))

    def stmt_jump(self, ctx):
        jump = m.Break() if self.rng.chance(0.5) else m.Continue()
        if self.rng.chance(0.8):
            return m.If(self.cond(ctx), [jump])
        return jump

    def stmt_return(self, ctx):
        if not ctx.owner_is_function or ctx.closure_depth > 0 or ctx.fn.kind == m.VOID:
            ret = m.Return(None)
        elif ctx.fn.kind == m.NAMED and self.rng.chance(0.3):
            ret = m.Return(None)  # Go's bare return: the named result as it is
        else:
            ret = m.Return(self.value(ctx, effects=1))
        if self.rng.chance(0.7):
            return m.If(self.cond(ctx), [ret])
        return ret

    def stmt_panic(self, ctx):
        ctx.fn.sites += 1  # the value names the site: f3's 7th site panics 407
        value = (ctx.fn.index + 1) * 100 + ctx.fn.sites
        if self.rng.chance(0.6):
            return m.If(self.cond(ctx), [m.Panic(value)])
        return m.Panic(value)

    def stmt_recover(self, ctx):
        tag = ctx.fn.tag()
        var = "p%d" % ctx.closure_depth
        if self.rng.chance(0.3):
            return m.Recover(tag, var, None)
        inner = replace(ctx, depth=ctx.depth + 1, recover_var=var)
        body = self.block(inner, self.rng.between(0, 2)) if self.rng.chance(0.7) else []
        return m.Recover(tag, var, body)

    def stmt_repanic(self, ctx):
        return m.Repanic(ctx.recover_var)

    def stmt_call(self, ctx):
        callee = self.rng.pick(self.callee_choices(ctx, False))
        arg = self.call_arg(ctx)
        if self.info[callee].kind != m.VOID and self.rng.chance(0.5):
            target = self.rng.pick([m.Var(v) for v in LOCALS] +
                                   ([m.Result()] if ctx.fn.kind == m.NAMED else []))
            return m.Assign(target, m.Add(m.Call(callee, arg), self.rng.between(-3, 3)))
        return m.CallStmt(callee, arg)

    def stmt_recurse(self, ctx):
        fn = ctx.fn
        fn.self_called = True
        arg = m.Add(m.Var("n"), -1)
        shapes = ["stmt"]
        if fn.kind != m.VOID:
            shapes.append("assign")
        if self.can_defer(ctx) and not (ctx.owner_is_function and fn.restrict_deferred_panics):
            shapes.append("defer")
        shape = self.rng.pick(shapes)
        if shape == "assign":
            inner = m.Assign(m.Var(self.rng.pick(LOCALS)), m.Add(m.Call(fn.name, arg), 1))
        elif shape == "defer":
            inner = m.Defer(m.FnCall(fn.name, arg))
        else:
            inner = m.CallStmt(fn.name, arg)
        return m.If(m.Cmp(m.Var("n"), ">", 0), [inner])

    # -- defer targets -------------------------------------------------------

    def defer_target(self, ctx):
        r = self.rng
        choices = [(2, "show")]
        if self.has("callee"):
            choices.append((1, "pick"))
        if self.has("closures") and ctx.closure_depth < 2:
            choices.append((5 if ctx.closure_depth == 0 else 2, "closure"))
        if self.has("calls") and self.calls_ok and self.callee_choices(ctx, True):
            choices.append((2, "fn"))
        if self.has("methods"):
            choices.append((1, "method"))
        what = r.weighted(choices)
        # The deferred call's operands may carry several side effects only
        # where cxxdefer orders them (C++17 and later).
        effects = 1 if self.std == "c++14" else 3
        if not self.has("args"):
            effects = 0
        if what == "show":
            args = [self.value(ctx, effects=effects) for _ in range(r.between(0, 3))]
            args = self.limit_effects(args, effects)
            return m.ShowCall(ctx.fn.tag(), args)
        if what == "pick":
            args = [self.value(ctx, effects=0) for _ in range(2)]
            return m.PickCall(ctx.fn.tag(), ctx.fn.tag(), args)
        if what == "fn":
            callee = r.pick(self.callee_choices(ctx, True))
            return m.FnCall(callee, self.call_arg(ctx))
        if what == "method":
            return m.MethodCall(ctx.fn.tag(), self.value(ctx, effects=min(effects, 1)))
        return self.deferred_closure(ctx)

    def deferred_closure(self, ctx):
        no_panic = ctx.no_panic or (ctx.owner_is_function and ctx.fn.restrict_deferred_panics)
        recover_ok = self.has("recover") and (not ctx.owner_is_function or ctx.fn.allow_recover_here)
        inner = replace(ctx, depth=ctx.depth + 1, closure_depth=ctx.closure_depth + 1,
                        params=list(ctx.params), in_loop=False, owner_is_function=False,
                        in_deferred=True, recover_ok=recover_ok, recover_var=None,
                        in_defer_macro=True, no_panic=no_panic, captured=list(ctx.loop_vars))
        effects = 0 if not self.has("args") else (1 if self.std == "c++14" else 2)
        params = self.closure_params(ctx, inner, effects)
        body = self.block(inner, self.rng.between(1, 4))
        if recover_ok and self.rng.chance(0.3) and not any(
                isinstance(s, m.Recover) for s in body):
            body.insert(0, self.stmt_recover(inner))
        return m.Closure(params, body)

    def closure_params(self, outer, inner, effects):
        """Parameters (evaluated where the closure is called or deferred),
        added to `inner`'s visible names. Only with `by-value`."""
        if not self.has("by-value") or not self.rng.chance(0.35):
            return []
        names = ["v%d" % inner.closure_depth]
        if self.rng.chance(0.3):
            names.append("w%d" % inner.closure_depth)
        values = self.limit_effects([self.value(outer, effects=1) for _ in names], effects)
        inner.params = inner.params + names
        return list(zip(names, values))

    # -- expressions ---------------------------------------------------------

    def loop_vars(self, ctx):
        """Loop variables readable here: a closure reads those of loops
        around it only through a by-value capture (`by-value`)."""
        if self.has("by-value"):
            return list(ctx.loop_vars)
        return [v for v in ctx.loop_vars if v not in ctx.captured]

    def locals(self):
        """Function locals an expression may read (`box.v`: the field of
        the local object that deferred method calls change)."""
        return LOCALS + (["box.v"] if self.has("methods") else [])

    def readable(self, ctx):
        names = ["n"] + self.locals() + self.loop_vars(ctx) + ctx.params
        if ctx.fn.kind == m.NAMED:
            names.append("r")
        return names

    def pure(self, ctx):
        name = self.rng.pick(self.readable(ctx))
        base = m.Result() if name == "r" else m.Var(name)
        if self.rng.chance(0.3):
            return m.Add(base, self.rng.between(-5, 9) or 1)
        return base

    def value(self, ctx, effects=0):
        r = self.rng
        choices = [(3, "pure"), (1, "const")]
        if effects > 0:
            choices.append((2, "tick"))
            if self.has("calls") and self.calls_ok and self.callee_choices(ctx, False, want_int=True):
                choices.append((1, "call"))
        what = r.weighted(choices)
        if what == "const":
            return m.Const(r.between(0, 20))
        if what == "tick":
            return m.Tick(ctx.fn.tag())
        if what == "call":
            callee = r.pick(self.callee_choices(ctx, False, want_int=True))
            return m.Call(callee, self.call_arg(ctx))
        return self.pure(ctx)

    def limit_effects(self, values, effects):
        """Keeps at most `effects` side-effecting values, replacing the rest
        with constants."""
        out, seen = [], 0
        for v in values:
            if self.has_effect(v):
                seen += 1
                if seen > effects:
                    v = m.Const(self.rng.between(0, 20))
            out.append(v)
        return out

    @staticmethod
    def has_effect(expr):
        return any(isinstance(e, (m.Tick, m.Call)) for e in walk.subexprs(expr))

    def cond(self, ctx):
        r = self.rng
        if r.chance(0.2):
            return m.IsEven(self.pure(ctx))
        names = ["n"] * 3 + self.loop_vars(ctx) * 3 + self.locals() + ctx.params
        if ctx.fn.kind == m.NAMED:
            names.append("r")
        name = r.pick(names)
        left = m.Result() if name == "r" else m.Var(name)
        return m.Cmp(left, r.pick(["<", ">", "==", "!="]), r.between(0, 3))

    def call_arg(self, ctx):
        options = [m.Const(self.rng.between(0, MAX_N)), m.Var("n")]
        options += [m.Var(v) for v in self.loop_vars(ctx)]
        return self.rng.pick(options)

    def callee_choices(self, ctx, deferred, want_int=False):
        """Generated functions this point may call: a higher index, near
        enough to keep call chains short; none that may panic where a panic
        is not allowed."""
        out = []
        for j in range(ctx.fn.index + 1, min(ctx.fn.index + 6, self.nfunctions)):
            name = "f%d" % j
            info = self.info.get(name)
            if info is None:
                continue
            if want_int and info.kind == m.VOID:
                continue
            if info.may_panic and (ctx.no_panic or (
                    deferred and ctx.owner_is_function and ctx.fn.restrict_deferred_panics)):
                continue
            if info.cost * ctx.loop_mult > COST_BUDGET // 2:
                continue
            out.append(name)
        return out

    # -- static bounds -------------------------------------------------------

    def may_panic(self, body):
        for s in walk.stmts(body):
            if isinstance(s, (m.Panic, m.Repanic)):
                return True
        return any(self.info[c].may_panic for c in walk.callees(body) if c in self.info)

    def cost(self, body, self_name):
        total = 0
        for s in body:
            c = 1
            for e in walk.exprs_of_stmt(s):
                for sub in walk.subexprs(e):
                    if isinstance(sub, m.Call) and sub.callee != self_name:
                        c += self.info[sub.callee].cost
                    elif isinstance(sub, m.Tick):
                        c += 1
            if isinstance(s, m.CallStmt) and s.callee != self_name:
                c += self.info[s.callee].cost
            if isinstance(s, m.Defer) and isinstance(s.target, m.FnCall) \
                    and s.target.callee != self_name:
                c += self.info[s.target.callee].cost
            closure = walk.closure_of(s)
            if closure is not None:
                c += self.cost(closure.body, self_name)
            if isinstance(s, (m.For, m.GotoLoop)):
                c += s.count * (self.cost(s.body, self_name) + 1)
            else:
                for block in walk.child_blocks(s):
                    c += self.cost(block, self_name)
            total += c
        return total


def _feature_order():
    from . import features
    return features.ALL


def generate(seed, features, std):
    return Generator(seed, features, std).program()
