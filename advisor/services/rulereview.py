"""Review of rule drafts (issue 16, item 2), at the command line and on the staff desk: each draft of
corpus/rules/drafts/ is shown with its clause; staff accept it (it moves into corpus/rules/<name>.yaml with
`status: reviewed`, the reviewer and the date), edit it and accept the edited rule, reject it (it is deleted)
or skip it. An edit is checked like any rule before it is kept (conditions written as `corpus/rules/README.md`
says, every quote verbatim in the indexed document, the article label one of the document's); one that fails
leaves the draft as it was. A draft is only ever used in answers after it is accepted. To change an accepted
rule later, edit its file: `load_rules` checks it again when the advisor starts."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from advisor.answer.templates import RULE_DRAFT
from advisor.answer.templates import RULE_REVIEW as R
from advisor.services.conditions import CONDITION_KINDS, NODE_EXTRAS
from advisor.services.eligibility import REVIEWED, RuleError, check_rules_file
from advisor.services.ruledraft import to_yaml

DRAFTS = "drafts"
_FILE_KEYS = ("doc", "title", "doc_number", "region", "publish_date", "effective_date", "expiry_date")
_DRAFT_ONLY = ("confidence",)  # what the drafter wrote for the reviewer, not part of a rule (and its note, below)
DRAFTER_NOTE = RULE_DRAFT["note"]  # how the drafter's note for the reviewer starts: dropped on acceptance
EDITABLE = ("name", "article", "conditions", "benefit", "amount", "apply_to", "quotes", "note")  # what staff may change
Documents = Mapping[str, tuple[str, set[str]]]


def editable_yaml(rule: dict[str, Any]) -> str:
    """The fields of a draft that staff may change, as the YAML they edit."""
    return yaml.safe_dump({k: rule[k] for k in EDITABLE if k in rule}, allow_unicode=True, sort_keys=False,
                          width=100)


def apply_edit(rule: dict[str, Any], head: dict[str, Any], text: str, documents: Documents | None) -> dict[str, Any]:
    """The draft with the reviewer's edits (`text`: YAML of its editable fields), checked like a rule of a
    rules file (with `documents`, its quotes and article label against the indexed document). Raises
    RuleError, in Chinese, when the edit cannot be kept."""
    try:
        new = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(R["edit_refused"].format(why=R["not_yaml"].format(error=exc))) from exc
    if not isinstance(new, dict):
        raise RuleError(R["edit_refused"].format(why=R["not_fields"] + R["edit_help"].format(fields="、".join(EDITABLE))))
    if extra := [k for k in new if k not in EDITABLE]:
        raise RuleError(R["edit_refused"].format(why=R["not_editable"].format(fields="、".join(map(str, extra)))
                                               + R["edit_help"].format(fields="、".join(EDITABLE))))
    edited = {**{k: v for k, v in rule.items() if k not in EDITABLE}, **new, "id": rule["id"]}
    if documents is None or head.get("doc") not in documents:
        raise RuleError(R["edit_refused"].format(why=R["not_indexed"]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edit.yaml"
        path.write_text(yaml.safe_dump({**{k: head.get(k, "") for k in _FILE_KEYS}, "rules": [edited]},
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            check_rules_file(path, documents)
        except RuleError as exc:
            raise RuleError(R["edit_refused"].format(why=str(exc).split(": ", 2)[-1])) from exc
    return edited


class EditorFailed(RuntimeError):
    """The editor could not be started or quit with an error: the draft is kept as it was."""


def open_editor(text: str) -> str:
    """`text` edited in the user's editor ($VISUAL, $EDITOR, else nano or vi); what was saved. Raises
    EditorFailed (in Chinese) when the editor cannot start or quits with an error (vim's :cq)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ("nano" if _has("nano") else "vi")
    with tempfile.NamedTemporaryFile("w+", suffix=".yaml", encoding="utf-8", delete=False) as f:
        f.write(text)
        name = f.name
    try:
        try:
            done = subprocess.run([*shlex.split(editor), name], check=False)
        except OSError as exc:
            raise EditorFailed(R["editor_missing"].format(editor=editor, error=exc)) from exc
        if done.returncode != 0:
            raise EditorFailed(R["editor_failed"].format(code=done.returncode))
        return Path(name).read_text(encoding="utf-8")
    finally:
        os.unlink(name)


def _has(program: str) -> bool:
    return any(Path(d, program).exists() for d in os.environ.get("PATH", "").split(os.pathsep))


def describe(cond: dict[str, Any] | None) -> str:
    """A condition node in plain Chinese, for the reviewer (each kind's words are its entry's in
    `conditions.CONDITION_KINDS`)."""
    if not cond:
        return R["everyone"]
    key = next((k for k in cond if k not in NODE_EXTRAS), None)
    if key is None:
        return str(cond.get("label") or cond.get("note") or "")
    value = cond[key]
    if key in ("all", "any"):
        parts = "、".join(describe(c) for c in value)
        return R["all_of" if key == "all" else "any_of"].format(parts=parts)
    kind = CONDITION_KINDS.get(key)
    return kind.review(value) if kind else f"{key}: {value}"


def show(rule: dict[str, Any], source: str) -> str:
    """One draft as the reviewer sees it: what it proposes beside the clause it was read from."""
    lines = [R["show_head"].format(name=rule.get("name"), source=source, article=rule.get("article"),
                                   confidence=rule.get("confidence", "")),
             R["show_who"].format(who=describe(rule.get("conditions"))), R["show_amount"].format(amount=rule.get("amount")),
             R["show_office"].format(office=rule.get("apply_to") or R["not_stated"])]
    lines += [R["show_quote"].format(quote=q) for q in rule.get("quotes") or []]
    return "\n".join(lines)


def _accept(rule: dict[str, Any], head: dict[str, Any], target: Path, reviewer: str, today: dt.date,
            documents: Documents | None = None) -> None:
    """Add the rule to its reviewed rules file — only if the file as it would be loads (its ids unique there
    and in the other files, its quotes and labels checked against `documents`); else RuleError, in Chinese,
    and nothing is written."""
    data = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else None
    data = data or {**{k: head.get(k, "") for k in _FILE_KEYS}, "rules": []}
    kept = {k: v for k, v in rule.items()
            if k not in _DRAFT_ONLY and not (k == "note" and str(v).startswith(DRAFTER_NOTE))}
    kept.update(status=REVIEWED, reviewer=reviewer, reviewed=today.isoformat())
    taken = {str(r.get("id")) for f in target.parent.glob("*.yaml") if f != target
             for r in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("rules") or []}
    if kept.get("id") in taken | {str(r.get("id")) for r in data["rules"]}:
        raise RuleError(R["accept_refused"].format(why=R["id_taken"].format(id=kept.get("id"))))
    data["rules"].append(kept)
    text = R["file_head"] + "\n" + \
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / target.name
        trial.write_text(text, encoding="utf-8")
        try:
            check_rules_file(trial, documents)
        except RuleError as exc:
            raise RuleError(R["accept_refused"].format(why=str(exc).split(": ", 2)[-1])) from exc
    target.write_text(text, encoding="utf-8")


def _locate(rules_dir: Path, rule_id: str) -> tuple[Path, dict[str, Any], dict[str, Any]] | None:
    """(its drafts file, that file's data, the draft) of a draft waiting for review, by its id."""
    for path in sorted((rules_dir / DRAFTS).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if rule := next((r for r in data.get("rules") or [] if r.get("id") == rule_id), None):
            return path, data, rule
    return None


def find_draft(rules_dir: Path, rule_id: str) -> dict[str, Any] | None:
    """A draft waiting for review, by its id."""
    found = _locate(rules_dir, rule_id)
    return found[2] if found else None


def decide(rules_dir: Path, rule_id: str, accept: bool, reviewer: str, today: dt.date | None = None,
           edited: str | None = None, documents: Documents | None = None) -> str:
    """One decision on one draft (the staff desk's buttons): accept it into corpus/rules/ — as `edited` (YAML
    of its editable fields) when given, checked first — or reject it; the draft leaves its drafts file
    either way, unless an edit fails its check. Returns what was done, in Chinese, for the page."""
    if accept and not reviewer.strip():
        return R["name_first"]
    found = _locate(rules_dir, rule_id)
    if found is None:
        return R["no_such_draft"].format(id=rule_id)
    path, data, rule = found
    if accept:
        try:
            kept = apply_edit(rule, data, edited, documents) \
                if edited is not None and edited.strip() and edited.strip() != editable_yaml(rule).strip() else rule
            _accept(kept, data, rules_dir / f"{path.stem}.yaml", reviewer.strip(), today or dt.date.today(), documents)
        except RuleError as exc:
            return str(exc)
    left = [r for r in data.get("rules") or [] if r is not rule]
    if left:
        path.write_text(to_yaml({**data, "rules": left}), encoding="utf-8")
    else:
        path.unlink()
    return R["accepted" if accept else "rejected"].format(id=rule_id, name=rule.get("name"))


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
           today: dt.date | None = None, edit: Callable[[str], str] = open_editor,
           documents: Documents | None = None) -> int:
    """Go through every drafts file under `rules_dir`/drafts (`edit`: how a draft's fields are edited; with
    `documents`, an edit's quotes and label are checked against the indexed text). Returns an exit code."""
    files = sorted((rules_dir / DRAFTS).glob("*.yaml"))
    if not files:
        say(R["no_drafts"])
        return 0
    if not listing and not reviewer:
        say(R["reviewer_needed"])
        return 2
    today = today or dt.date.today()
    choice = ""
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rules: list[dict[str, Any]] = list(data.get("rules") or [])
        say(R["file_line"].format(title=data.get("title"), region=data.get("region"), n=len(rules), file=path.name))
        left: list[dict[str, Any]] = []
        for i, rule in enumerate(rules):
            say(show(rule, str(data.get("doc"))))
            if listing:
                left.append(rule)
                continue
            choice = ask(R["prompt"]).strip().lower()[:1]
            if choice in ("a", "e"):
                try:
                    kept = rule
                    if choice == "e":
                        before = editable_yaml(rule)
                        text = edit(before)
                        if text.strip() == before.strip():
                            raise RuleError(R["edit_refused"].format(why=R["unchanged"]))
                        kept = apply_edit(rule, data, text, documents)
                    _accept(kept, data, rules_dir / f"{path.stem}.yaml", str(reviewer), today, documents)
                except (RuleError, EditorFailed) as exc:
                    say(f"  {exc}")
                    left.append(rule)
                    continue
                if choice == "e":
                    say(R["accepted_edited"])
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
