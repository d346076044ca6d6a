"""Test of tools/check_layers.py on tiny fake packages: a clean one passes, each kind of violation is caught.

    python tools/test_check_layers.py
"""
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_layers import check

ORDER = ["data", "model", "report"]


def fake(files):
    "A package folder `daenr` in a new temporary folder, holding `files` (name -> source)"
    pkg = Path(tempfile.mkdtemp())/"daenr"
    pkg.mkdir()
    for name, src in {"__init__.py": "__version__ = '0'\n", **files}.items(): (pkg/name).write_text(src)
    return pkg


clean = fake({"data.py": "import numpy\n", "model.py": "from .data import load\nfrom daenr import __version__\n",
              "report.py": "import daenr.model\ndef f():\n    from daenr.data import x\n"})
assert check(clean, ORDER) == [], check(clean, ORDER)

upward = fake({"data.py": "def f():\n    from daenr.report import plot\n", "model.py": "", "report.py": ""})
got = check(upward, ORDER)
assert len(got) == 1 and "data.py:2: data imports report, a higher layer" in got[0], got

private = fake({"data.py": "", "model.py": "from .data import _helper, ok\n", "report.py": "from daenr import model\n"})
got = check(private, ORDER)
assert got == ["model.py:1: imports private name(s) ['_helper'] from data"], got

unknown = fake({"data.py": "", "model.py": "", "report.py": "", "extra.py": "x = 1\n"})
assert any("'extra' has no place in the layer order" in g for g in check(unknown, ORDER))

same_layer = fake({"data.py": "", "model.py": "from . import report\n", "report.py": ""})
assert any("model imports report" in g for g in check(same_layer, ORDER))

# the command line exits 1 on a violation and 0 on a clean package (the real ORDER has data before report)
script = Path(__file__).resolve().parent/"check_layers.py"
bad = fake({"data.py": "from .report import x\n", "report.py": ""})
assert subprocess.run([sys.executable, str(script), str(bad)], capture_output=True).returncode == 1
ok = fake({"data.py": "", "report.py": "from .data import x\n"})
assert subprocess.run([sys.executable, str(script), str(ok)], capture_output=True).returncode == 0
print("check_layers: all tests passed")
