"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does, without Quarto).

Markdown cells are copied as they are; code cells become ```python blocks, followed by their text
output, if any. `python tools/make_readme.py --check` exits 1 when README.md is out of step.
"""
import json
import sys
from pathlib import Path

root = Path(__file__).resolve().parents[1]


def _text(src):
    return "".join(src) if isinstance(src, list) else src


def render(nb_path=root / "nbs" / "index.ipynb"):
    "README text from the cells of `nb_path`"
    cells = json.loads(Path(nb_path).read_text(encoding="utf-8"))["cells"]
    parts = []
    for c in cells:
        src = _text(c["source"]).strip("\n")
        if c["cell_type"] == "markdown": parts.append(src.replace("](images/", "](nbs/images/"))
        elif c["cell_type"] == "code" and src and not src.startswith("#| hide"):
            parts.append(f"```python\n{src}\n```")
            out = "".join(_text(o.get("text", "")) for o in c.get("outputs", []) if o.get("output_type") == "stream")
            if out.strip(): parts.append(f"```\n{out.rstrip()}\n```")
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    text, readme = render(), root / "README.md"
    if "--check" in sys.argv:
        if readme.read_text(encoding="utf-8") != text:
            sys.exit("README.md is out of step with nbs/index.ipynb: run `python tools/make_readme.py`")
    else: readme.write_text(text, encoding="utf-8")
