"""Text a person reads is written in advisor/answer/templates.py only (issue 20); this test keeps it there.

Two kinds of Chinese string literal live in the package:

(a) text a person reads: a message, a label, a help text, a reason in a report. It belongs in templates.py.
(b) vocabulary used to *recognise* text: regex patterns, synonyms, keyword tables, numbering families, place
    and condition words, header synonyms (and a display name that is an entry of such a table). It stays beside
    the rules of Chinese documents that use it.

A scan for "any Chinese literal" cannot tell them apart, so the test looks where kind (a) ends up instead: at the
*sinks* that carry text to a person. A string literal holding a CJK ideograph is a regression when it is written
(directly, inside an f-string, a concatenation or a conditional) into one of them, in any module but
templates.py:

- what the `advisor` command prints: an argument of ``print()``; an argparse ``help=`` / ``description=`` /
  ``epilog=`` (of ``ArgumentParser``, ``add_parser``, ``add_argument``, ``add_argument_group``); a progress
  bar's ``desc=``;
- the Chinese message of an error or a report entry: ``ReadError`` / ``ReadErrorArgs`` (``message_zh``),
  ``RowInvalid`` (``zh``), ``RowError``, ``Skipped`` and ``Dropped`` (``reason_zh``), by position or keyword
  (their English argument may quote a Chinese word: ``"no name column (e.g. 机构名称)"`` is a log message);
- a value assigned to ``message_zh`` / ``reason_zh`` (a class attribute or an attribute), or under a
  ``"reason_zh"`` key of a dict literal (the ingest report's warnings);
- an item appended to a list named ``notes`` or ``reasons`` (the provider import report, the eval failures).

Vocabulary never flows into these sinks as a literal (a recognised word reaches a message as a value, through a
placeholder), so kind (b) is not flagged. Punctuation alone (、《》, full-width commas) is glue, not text: only
literals with a CJK ideograph count. Words of the rule condition table (services/conditions.py), the settings'
help texts (settings.py, each setting with its help in one registry) and the generative mode's prompt (read by
the model, not a person) are not sinks and stay where they are.

A text can also reach a person as a plain value (a label in a table, a validity, a caption): modules that hold no
vocabulary of their own (`NO_VOCABULARY`) are checked more strictly, with no Chinese literal at all but the few
words they recognise, as advisor/app/ is by tests/test_app_labels.py.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import advisor

PACKAGE = Path(advisor.__file__).parent
TEMPLATES = PACKAGE / "answer" / "templates.py"
# CJK ideographs (extension A, the unified block, compatibility ideographs): words, not punctuation
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

ARGPARSE = {"ArgumentParser", "add_parser", "add_argument", "add_argument_group", "add_subparsers"}
ARGPARSE_TEXT = {"help", "description", "epilog"}
# constructor -> (position, keyword) of its Chinese message
MESSAGES = {
    "ReadError": (1, "message_zh"),
    "ReadErrorArgs": (1, "message_zh"),
    "RowInvalid": (0, "zh"),
    "RowError": (2, "reason_zh"),
    "Skipped": (2, "reason_zh"),
    "Dropped": (4, "reason_zh"),
}
ATTRIBUTES = {"message_zh", "reason_zh"}
LISTS = ("notes", "reasons")
PENDING: set[tuple[str, str]] = set()  # (file, literal) known and not yet moved: none


def _name(node: ast.AST) -> str:
    """`f` of f(...), `add_argument` of p.add_argument(...), `notes` of self.notes."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _chinese(node: ast.AST | None) -> Iterator[ast.Constant]:
    """The string literals with an ideograph anywhere inside `node`."""
    if node is None:
        return
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and IDEOGRAPH.search(sub.value):
            yield sub


def _sinks(tree: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    """(which sink, the expression written into it) for every sink in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name == "print":
                yield from (("print()", a) for a in node.args)
            if name in ARGPARSE:
                yield from ((f"{name}({k.arg}=)", k.value) for k in node.keywords if k.arg in ARGPARSE_TEXT)
            if name == "tqdm":
                yield from (("tqdm(desc=)", k.value) for k in node.keywords if k.arg == "desc")
            if name in MESSAGES:
                pos, kw = MESSAGES[name]
                if len(node.args) > pos and not any(isinstance(a, ast.Starred) for a in node.args[: pos + 1]):
                    yield f"{name}()", node.args[pos]
                yield from ((f"{name}({kw}=)", k.value) for k in node.keywords if k.arg == kw)
            if name == "append" and isinstance(node.func, ast.Attribute) and _name(node.func.value).endswith(LISTS):
                yield from ((f"{_name(node.func.value)}.append()", a) for a in node.args)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_name(t) in ATTRIBUTES for t in targets):
                yield "message_zh / reason_zh =", node.value
        elif isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values, strict=True):
                if isinstance(k, ast.Constant) and k.value in ATTRIBUTES:
                    yield f"{{{k.value!r}: ...}}", v


def inline_text(source: str, filename: str = "<string>") -> list[str]:
    """`file:line: sink: literal` for every Chinese literal written into a sink of a person's text."""
    tree = ast.parse(source, filename=filename)
    return [f"{filename}:{lit.lineno}: {sink}: {lit.value!r}"
            for sink, expr in _sinks(tree) for lit in _chinese(expr) if (filename, lit.value) not in PENDING]


# Modules with no vocabulary of their own hold no Chinese literal at all (docstrings aside), as advisor/app/ does
# (tests/test_app_labels.py), but for the words listed: what they recognise or draw.
NO_VOCABULARY = {
    "cli.py": {"/退出", "/新对话", "/资料", "清空"},  # the commands of advisor chat
    "startup.py": set(),
    "index/store.py": set(),
    "ingest/pipeline.py": set(),
    "evaluate/dataset.py": set(),
    "evaluate/tables.py": set(),
    "evaluate/report.py": set(),
    "evaluate/plots.py": {"养老补贴"},  # drawn to find a font with Chinese glyphs
    "services/providers/importers.py": {"no name column (e.g. 机构名称) in the header"},  # English, for logs
    "services/providers/sidecar.py": set(),
    "services/providers/rows.py": set(),
    "personal.py": set(),
    "webview.py": {"全国", "依据"},  # the national region's value; the key of the 依据 fold
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_the_scan_tells_text_from_vocabulary() -> None:
    """Each sink is found (also inside an f-string or a conditional); recognition vocabulary, an English message
    quoting a Chinese word, punctuation and a docstring are not."""
    flagged = '''
"""模块说明:不算。"""
print(f"共{n}项")
print("x" if a else "没有")
p.add_argument("--x", help="审核人姓名")
argparse.ArgumentParser(description="养老顾问")
tqdm(xs, desc="计算向量")
raise ReadError("empty", "文件为空")
ReadErrorArgs("no_text", message_zh="网页中没有正文文字")
RowInvalid(f"{what}不是数字", "not a number")
RowError(fname, line, "表头中找不到机构名称列", "no name column")
Skipped(name, "error", f"处理出错:{e}", "error")
Dropped(src, title, 3, "off-topic", "与养老政策无关", text)
message_zh = "请稍后再试"
warnings.append({"source": s, "reason_zh": "已收录,但词汇较少"})
notes.append(f"{fname}:坐标系未注明")
out.reasons.append("误拒答 / refused")
'''
    found = inline_text(flagged)
    assert len(found) == 16, "\n".join(found)  # the f-string of line 3 holds two literals
    vocabulary = '''
"""说明。"""
MONEY = re.compile(r"补贴|津贴")
_TRUE = {"是", "接收"}
if level == "能力完好":
    pass
RowError(fname, line, M["no_name_column"], "no name column (e.g. 机构名称) in the header")
RowInvalid(M["not_number"].format(what=F["lat"], value=v), f"{what_en} is not a number")
print(CLI["sources"])
print("、".join(words), "《》")
words = [w for w in topic_words(q) if w not in BENEFIT_WORDS] + ["津贴", "补贴"]
Verdict(UNKNOWN, ("是否属于当地认定的高龄老年人",))
'''
    assert inline_text(vocabulary) == []


def test_no_inline_text_outside_templates() -> None:
    """Messages, labels, help texts and report reasons come from advisor.answer.templates."""
    files = [p for p in sorted(PACKAGE.rglob("*.py")) if p != TEMPLATES]
    assert len(files) > 50
    found = [hit for path in files
             for hit in inline_text(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))]
    assert not found, "text a person reads belongs in advisor/answer/templates.py:\n" + "\n".join(found)


def test_modules_without_vocabulary_hold_no_chinese() -> None:
    """A module that recognises no Chinese text has no Chinese literal but the few words it is allowed."""
    found = []
    for name, allowed in NO_VOCABULARY.items():
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        found += [f"advisor/{name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                  and IDEOGRAPH.search(node.value) and node.value not in allowed]
    assert not found, "text a person reads belongs in advisor/answer/templates.py:\n" + "\n".join(found)
