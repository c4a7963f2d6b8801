"""The web page's Chinese text lives in advisor/answer/templates.py: no Chinese string literal in advisor/app/*.py
outside docstrings (comments are not string literals)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import advisor.app

APP_DIR = Path(advisor.app.__file__).parent
# CJK symbols and punctuation, CJK ideographs (extension A and the unified block), compatibility ideographs,
# full-width forms (,:;() …)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and its functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def chinese_literals(path: Path) -> list[str]:
    """`file:line: text` for every string literal in `path` holding a CJK character, docstrings excepted."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docs = _docstrings(tree)
    return [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
            and CJK.search(node.value)]


def test_the_scan_finds_a_chinese_literal(tmp_path: Path) -> None:
    """The scan itself: a label is found (also inside an f-string), a docstring and a comment are not."""
    sample = tmp_path / "sample.py"
    sample.write_text('"""模块说明。"""\n\n\ndef f(n):\n    """函数说明。"""\n    # 注释\n'
                      '    return ("发送", f"共{n}项", "plain")\n', encoding="utf-8")
    found = chinese_literals(sample)
    assert len(found) == 3 and any("'发送'" in hit for hit in found)  # 发送, 共 and 项


def test_no_chinese_literals_in_the_app_modules() -> None:
    """Every user-visible Chinese text of the page comes from advisor.answer.templates."""
    files = sorted(APP_DIR.glob("*.py"))
    assert len(files) > 5
    found = [hit for path in files for hit in chinese_literals(path)]
    assert not found, "Chinese text belongs in advisor/answer/templates.py:\n" + "\n".join(found)
