"""Review of rule drafts (issue 16, item 2), at the command line: each draft of corpus/rules/drafts/ is shown
with its clause; staff accept it (it moves into corpus/rules/<name>.yaml with `status: reviewed`, the
reviewer and the date), reject it (it is deleted) or skip it. A draft is only ever used in answers after it
is accepted. To change an accepted rule, edit its file: `load_rules` checks every quote and article label
against the indexed document when the advisor starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from advisor.services.conditions import CONDITION_KINDS, NODE_EXTRAS
from advisor.services.eligibility import REVIEWED
from advisor.services.ruledraft import to_yaml

DRAFTS = "drafts"
_FILE_KEYS = ("doc", "title", "doc_number", "region", "publish_date", "effective_date", "expiry_date")
_DRAFT_ONLY = ("confidence", "note")  # what the drafter wrote for the reviewer, not part of a rule


def describe(cond: dict[str, Any] | None) -> str:
    """A condition node in plain Chinese, for the reviewer (each kind's words are its entry's in
    `conditions.CONDITION_KINDS`)."""
    if not cond:
        return "面向全体老年人"
    key = next((k for k in cond if k not in NODE_EXTRAS), None)
    if key is None:
        return str(cond.get("label") or cond.get("note") or "")
    value = cond[key]
    if key in ("all", "any"):
        parts = "、".join(describe(c) for c in value)
        return f"同时满足({parts})" if key == "all" else f"满足其一({parts})"
    kind = CONDITION_KINDS.get(key)
    return kind.review(value) if kind else f"{key}: {value}"


def show(rule: dict[str, Any], source: str) -> str:
    """One draft as the reviewer sees it: what it proposes beside the clause it was read from."""
    lines = [f"【{rule.get('name')}】 {source} {rule.get('article')}  可信度 {rule.get('confidence', '')}",
             f"  对象:{describe(rule.get('conditions'))}",
             f"  金额:{rule.get('amount')}", f"  受理:{rule.get('apply_to') or '(原文未写明)'}"]
    lines += [f"  原文:“{q}”" for q in rule.get("quotes") or []]
    return "\n".join(lines)


def _accept(rule: dict[str, Any], head: dict[str, Any], target: Path, reviewer: str, today: dt.date) -> None:
    data = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else None
    data = data or {**{k: head.get(k, "") for k in _FILE_KEYS}, "rules": []}
    kept = {k: v for k, v in rule.items() if k not in _DRAFT_ONLY}
    kept.update(status=REVIEWED, reviewer=reviewer, reviewed=today.isoformat())
    data["rules"].append(kept)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    target.write_text("# 已审核的资格规则(由 advisor rules review 写入,可直接编辑)。\n" + text, encoding="utf-8")


def decide(rules_dir: Path, rule_id: str, accept: bool, reviewer: str, today: dt.date | None = None) -> str:
    """One decision on one draft (the staff desk's buttons): accept it into corpus/rules/ or reject it; the
    draft leaves its drafts file either way. Returns what was done, in Chinese, for the page."""
    if accept and not reviewer.strip():
        return "请先填写审核人姓名。"
    for path in sorted((rules_dir / DRAFTS).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rules = list(data.get("rules") or [])
        rule = next((r for r in rules if r.get("id") == rule_id), None)
        if rule is None:
            continue
        if accept:
            _accept(rule, data, rules_dir / f"{path.stem}.yaml", reviewer.strip(), today or dt.date.today())
        left = [r for r in rules if r is not rule]
        if left:
            path.write_text(to_yaml({**data, "rules": left}), encoding="utf-8")
        else:
            path.unlink()
        return f"已{'接受' if accept else '拒绝'}草稿 {rule_id}({rule.get('name')})。"
    return f"没有找到草稿 {rule_id}。"


def draft_ids(rules_dir: Path) -> list[tuple[str, str]]:
    """(label, id) of every draft waiting for review, for the staff desk's chooser."""
    out = []
    for path in sorted((rules_dir / DRAFTS).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out += [(f"{data.get('title')} {r.get('article')} {r.get('name')}", str(r.get("id")))
                for r in data.get("rules") or []]
    return out


def review(rules_dir: Path, reviewer: str | None = None, listing: bool = False,
           ask: Callable[[str], str] = input, say: Callable[[str], None] = print,
           today: dt.date | None = None) -> int:
    """Go through every drafts file under `rules_dir`/drafts. Returns a process exit code."""
    files = sorted((rules_dir / DRAFTS).glob("*.yaml"))
    if not files:
        say("没有待审核的规则草稿(先运行 advisor rules draft 文件名)。")
        return 0
    if not listing and not reviewer:
        say("请用 --reviewer 写明审核人姓名;只查看草稿请加 --list。")
        return 2
    today = today or dt.date.today()
    choice = ""
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rules: list[dict[str, Any]] = list(data.get("rules") or [])
        say(f"== 《{data.get('title')}》({data.get('region')})  {len(rules)} 条草稿  {path.name}")
        left: list[dict[str, Any]] = []
        for i, rule in enumerate(rules):
            say(show(rule, str(data.get("doc"))))
            if listing:
                left.append(rule)
                continue
            choice = ask("  [a]接受  [r]拒绝  [s]跳过  [q]保存并退出 > ").strip().lower()[:1]
            if choice == "a":
                _accept(rule, data, rules_dir / f"{path.stem}.yaml", str(reviewer), today)
            elif choice == "r":
                continue
            elif choice == "q":
                left += rules[i:]
                break
            else:
                left.append(rule)
        if listing:
            continue
        if left:
            path.write_text(to_yaml({**data, "rules": left}), encoding="utf-8")
        else:
            path.unlink()
        if choice == "q":
            break
    return 0
