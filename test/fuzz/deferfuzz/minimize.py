# ===- deferfuzz/minimize.py - shrink a failing pair ----------------------===#
#
# A failing seed is a program of twenty functions; the bug usually needs
# three statements of one. Reduction works on the tree, not the text, so
# every candidate is a well-formed pair again (both printers run on it):
#
#   1. drop calls from main (delta debugging over the list), then every
#      function main no longer reaches;
#   2. in each function, delta-debug every statement list, outermost first
#      (a function's final `return e;` stays: Go requires it);
#   3. replace compound statements by one of their blocks, loops by one
#      iteration, and drop deferred-call arguments and closure parameters.
#
# A candidate is kept when `still_fails` says it fails the same way (the
# caller decides what "the same" is; a candidate that Go rejects does not
# count). Candidates are tried until nothing changes or the test budget is
# spent; the result is the smallest program found so far.
#
# ===----------------------------------------------------------------------===#

import copy

from . import model as m
from . import walk


class Minimizer:
    def __init__(self, still_fails, budget):
        self.still_fails = still_fails
        self.budget = budget
        self.tests = 0

    def test(self, program):
        """Whether the candidate still fails; once the budget is spent every
        candidate is refused, so the passes below wind down unchanged."""
        if self.tests >= self.budget:
            return False
        self.tests += 1
        return self.still_fails(prune(program))

    def run(self, program):
        prog = prune(copy.deepcopy(program))
        prog.runs = self.ddmin(prog.runs, lambda runs: self.test(_with(prog, runs=runs)))
        prog = prune(prog)
        changed = True
        while changed and self.tests < self.budget:
            changed = False
            for fn in list(prog.functions):
                changed |= self.function(prog, fn)
            prog = prune(prog)
        return prog

    # -- lists ---------------------------------------------------------------

    @staticmethod
    def ddmin(items, test, allow_empty=False):
        """A small sublist of `items` for which test() still holds (it holds
        for `items`): remove chunks, halving the chunk size when no chunk
        can go."""
        items = list(items)
        if allow_empty and items and test([]):
            return []
        n = 2
        while len(items) >= 2:
            chunk = -(-len(items) // n)
            for start in range(0, len(items), chunk):
                candidate = items[:start] + items[start + chunk:]
                if test(candidate):
                    items = candidate
                    n = max(n - 1, 2)
                    break
            else:
                if chunk == 1:
                    break
                n = min(len(items), n * 2)
        return items

    # -- statements ----------------------------------------------------------

    def function(self, prog, fn):
        changed = False
        if fn.kind == m.NAMED and not walk.uses_result(fn.body):
            fn.kind = m.INT
            if self.test(prog):
                changed = True
            else:
                fn.kind = m.NAMED
        return self.statements(prog, fn) or changed

    def statements(self, prog, fn):
        keep_last = fn.kind != m.VOID and fn.body and isinstance(fn.body[-1], m.Return)
        tail = fn.body[-1:] if keep_last else []
        head = fn.body[:-1] if keep_last else list(fn.body)
        return self.block(prog, fn.body, head, tail)

    def block(self, prog, holder, items, tail):
        """Reduces the statement list `holder` (its statements are `items`
        then `tail`, which stays); returns whether anything changed."""
        before = list(holder)
        reduced = self.ddmin(items, lambda c: self._try(prog, holder, c + tail), allow_empty=True)
        holder[:] = reduced + tail
        changed = holder != before
        index = 0
        while index < len(holder) - len(tail):
            changed |= self.simplify(prog, holder, index)
            index += 1
        return changed

    def _try(self, prog, holder, candidate):
        saved = list(holder)
        holder[:] = candidate
        ok = self.test(prog)
        holder[:] = saved
        return ok

    def replace_stmt(self, prog, holder, index, replacement):
        saved = list(holder)
        holder[index:index + 1] = replacement
        if self.test(prog):
            return True
        holder[:] = saved
        return False

    def simplify(self, prog, holder, index):
        s = holder[index]
        changed = False
        # Splice a block in place of the compound statement.
        for block in walk.child_blocks(s):
            if block and not isinstance(s, m.Recover) and self.replace_stmt(
                    prog, holder, index, copy.deepcopy(block)):
                return True
        if isinstance(s, (m.For, m.GotoLoop)) and s.count > 1:
            old = s.count
            s.count = 1
            if self.test(prog):
                changed = True
            else:
                s.count = old
        if isinstance(s, m.Recover) and s.body is not None and not s.body:
            if self.replace_stmt(prog, holder, index, [m.Recover(s.tag, s.var, None)]):
                return True
        if isinstance(s, m.If) and s.orelse:
            old = s.orelse
            s.orelse = []
            if self.test(prog):
                changed = True
            else:
                s.orelse = old
        if isinstance(s, m.Defer) and isinstance(s.target, (m.ShowCall,)):
            changed |= self.args(prog, s.target.args)
        closure = walk.closure_of(s)
        if closure is not None:
            changed |= self.args(prog, closure.params)
            changed |= self.block(prog, closure.body, list(closure.body), [])
        for block in walk.child_blocks(s):
            changed |= self.block(prog, block, list(block), [])
        return changed

    def args(self, prog, items):
        changed = False
        i = 0
        while i < len(items):
            saved = list(items)
            del items[i]
            if self.test(prog):
                changed = True
            else:
                items[:] = saved
                i += 1
        return changed


def _with(program, runs):
    p = copy.copy(program)
    p.runs = runs
    return p


def prune(program):
    """The program with only the functions main reaches."""
    p = copy.copy(program)
    p.functions = walk.reachable_functions(program)
    return p


def minimise(program, still_fails, budget=300):
    mz = Minimizer(still_fails, budget)
    result = mz.run(program)
    return result, mz.tests
