# ===- test/realcode/sametree.py - Are two builds' outputs the same bytes? --===#
#
# The plugin's promise for code without defer statements is that it changes
# nothing: a TU that does not use __defer compiles to exactly what clang
# alone makes. Comparing object files byte for byte is the strongest form
# of that check and needs no knowledge of the format, provided both builds
# use the same sources at the same paths and no debug information (which
# would record each build directory). Linked programs and archives are
# compared too: when they are identical, so is everything they can do.
#
# ===----------------------------------------------------------------------===#

import filecmp
import os


def _outputs(root):
    """Relative paths of object files, archives and executables in root."""
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in ("Testing", "gtest-xml")]
        for name in files:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, root)
            if name.endswith((".o", ".a")):
                found.append(relative)
            elif (directory == root and os.access(path, os.X_OK)
                  and not name.endswith((".sh", ".py"))):
                found.append(relative)
    return sorted(found)


class Comparison:
    def __init__(self):
        self.objects = 0
        self.programs = 0
        self.differ = []
        self.missing = []

    @property
    def identical(self):
        return self.objects > 0 and not self.differ and not self.missing


def compare_builds(first, second):
    """Compares every output of build directory `first` with `second`'s."""
    result = Comparison()
    outputs = _outputs(first)
    for relative in outputs:
        if relative.endswith(".o"):
            result.objects += 1
        else:
            result.programs += 1
        other = os.path.join(second, relative)
        if not os.path.isfile(other):
            result.missing.append(relative)
        elif not filecmp.cmp(os.path.join(first, relative), other,
                             shallow=False):
            result.differ.append(relative)
    for relative in _outputs(second):
        if relative not in outputs:
            result.missing.append(relative)
    return result
