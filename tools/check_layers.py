"""Check daenr's layer rule: each module imports only from lower layers, and never another module's `_private` names.

    python tools/check_layers.py            # check daenr/; exits 1 and lists every violation
    python tools/check_layers.py PKG_DIR    # check another package folder (used by the test of this script)

Every import counts, lazy ones inside functions included: `from .x import y`, `from daenr.x import y`,
`import daenr.x`, `from daenr import x`. `daenr/__init__.py` (the version) and `_modidx.py` are outside the order.
"""
import ast
import sys
from pathlib import Path

ORDER = ["data", "stats", "rdm_data", "stimuli", "unit_stats", "virtual_mouse", "allen", "allen_cli", "model", "loss", "train",
         "metrics", "rsa", "evaluate", "cluster", "runfolder", "verdicts", "report", "experiment", "sweep", "widgets", "cli", "testing"]
OUTSIDE = {"__init__", "_modidx"}


def _imports(tree, pkg):
    "(line, imported module, names imported from it) for every import of a module of `pkg` in `tree`"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == pkg and len(parts) > 1: yield node.lineno, parts[1], []
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level == 0 and mod.split(".")[0] != pkg: continue
            parts = mod.split(".")[1:] if node.level == 0 else [p for p in mod.split(".") if p]
            if parts: yield node.lineno, parts[0], [a.name for a in node.names]
            else:  # `from daenr import x` / `from . import x`: each name is a module (or __version__)
                for a in node.names: yield node.lineno, a.name, []


def check(pkg_dir, order=ORDER):
    "Every violation of the layer rule in the package folder `pkg_dir`, as readable lines"
    pkg_dir = Path(pkg_dir)
    pkg, rank, bad = pkg_dir.name, {m: i for i, m in enumerate(order)}, []
    for path in sorted(pkg_dir.glob("*.py")):
        me = path.stem
        if me in OUTSIDE: continue
        if me not in rank: bad.append(f"{path.name}: module {me!r} has no place in the layer order; add it to ORDER in tools/check_layers.py"); continue
        for line, other, names in _imports(ast.parse(path.read_text(encoding="utf-8")), pkg):
            if other in OUTSIDE or (other.startswith("__") and other.endswith("__")): continue
            if other not in rank: bad.append(f"{path.name}:{line}: imports {other!r}, which has no place in the layer order")
            elif rank[other] >= rank[me] and other != me: bad.append(f"{path.name}:{line}: {me} imports {other}, a higher layer (see ORDER)")
            private = [n for n in names if n.startswith("_") and not (n.startswith("__") and n.endswith("__"))]
            if private and other != me: bad.append(f"{path.name}:{line}: imports private name(s) {private} from {other}")
    return bad


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]/"daenr"
    problems = check(target)
    for p in problems: print(p)
    print(f"layer check of {target}: {len(problems)} violation(s)")
    sys.exit(1 if problems else 0)
