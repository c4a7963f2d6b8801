"""Eligibility screening: which services and subsidies an elder may qualify for, rule by rule, each cited.

The rules are data (corpus/rules/*.yaml, syntax in corpus/rules/README.md); this module only reads and
evaluates them; the kinds of condition a rule may state (age, 失能, 低保 …) are the table of
advisor/services/conditions.py, and each is checked and decided through its entry there (this module
handles only the `all` / `any` groups). Pure functions, no model, deterministic. The documents state no
amounts and the engine never produces one: every benefit's standard is "文件未规定具体金额/标准,由当地确定"
unless a rule says otherwise (none does).

Public API:
    load_rules(directory=RULES_DIR) -> list[Rule]
    screen(profile, rules, today=None) -> list[Outcome]
    is_eligibility_question(text) -> bool
    answer_eligibility(profile, outcomes) -> Answer
    checklist_markdown(profile, outcomes) -> str
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from advisor.answer.render import to_answer
from advisor.answer.templates import (
    AMOUNTS_NOT_STATED,
    AMOUNTS_STATED,
    AND_MORE,
    CHECK_HEAD_GENERAL,
    CHECK_HEAD_GENERAL_BRIEF,
    CHECK_HEAD_PENDING,
    CHECK_HEAD_POSSIBLE,
    CHECK_HEAD_UNMET,
    CHECK_NEXT_STEP,
    CHECKLIST_INTRO,
    CHECKLIST_NOTHING,
    CONFIRM_RESIDENCE,
    DECIDER_NOTICE,
    MORE_ITEMS,
    NATIONAL_RULE_LEVEL,
    NO_REGION_YET,
)
from advisor.answer.templates import CHECKLIST_LINES as L
from advisor.answer.templates import PRINTED_CHECKLIST as P
from advisor.ingest.metadata import validity
from advisor.lexicon import load_lexicon
from advisor.profile import Profile
from advisor.schema import Answer, AnswerDraft, Chunk, Citation, Section
from advisor.services.conditions import (
    CONDITION_KINDS,
    MET,
    NODE_EXTRAS,
    PENDING_LEVEL,
    UNKNOWN,
    UNMET,
    Cond,
)
from advisor.settings import REPO_ROOT

log = logging.getLogger(__name__)
RULES_DIR = REPO_ROOT / "corpus" / "rules"

POSSIBLE = "可能符合"
NEED_INFO = "需补充信息"
NOT_MET = "不符合"
STATUSES = (POSSIBLE, NEED_INFO, NOT_MET)

DEFAULT_AMOUNT = "文件未规定具体金额/标准,由当地确定"
NATIONAL = "全国"

# Colloquial descriptions → GB/T 42195-2022 老年人能力评估 levels. profile.extract_profile already applies
# these when reading a message; they are repeated here so the engine's reading is explicit and testable.
# Every colloquial mapping is only a likely level: the 老年人能力评估 decides.
COLLOQUIAL_LEVELS: dict[str, str] = {
    "卧床不起": "重度失能",
    "瘫痪在床": "重度失能",
    "瘫在床上": "重度失能",
    "瘫痪": "重度失能",
    "卧床": "重度失能",
    "生活不能自理": "中度失能",
    "不能自理": "中度失能",
    "半失能": "轻度失能",
    "行动不便": "轻度失能",
    "失能": PENDING_LEVEL,
    "能自理": "能力完好",
    "身体好": "能力完好",
}

_NODE_KEYS = ("all", "any", *CONDITION_KINDS)  # a group of nodes, or one kind of condition
_RULE_KEYS = {
    "id",
    "name",
    "article",
    "conditions",
    "benefit",
    "apply_to",
    "amount",
    "quotes",
    "note",
    "priority",
    "region",
    "doc",
    "effective_date",
    "expiry_date",
    "period_end",
    "status",  # draft (proposed by `advisor rules draft`, never used in answers) / reviewed
    "confidence",  # a draft's: how sure the drafter was
    "reviewer",
    "reviewed",  # the date it was reviewed
}
REVIEWED, DRAFT = "reviewed", "draft"


BRIEF_ITEMS = 6


class RuleError(ValueError):
    """A rules file that does not validate; the message names the file and the rule id."""


@dataclass
class Rule:
    """One eligibility rule, as read from corpus/rules/<file>.yaml."""

    id: str
    name: str
    region: str
    doc: str
    title: str
    article: str
    benefit: str
    quotes: list[str]
    conditions: Cond | None = None
    apply_to: str = ""
    amount: str = DEFAULT_AMOUNT
    note: str = ""
    priority: int = 0
    doc_number: str = ""
    issuer: str = ""
    publish_date: str = ""
    effective_date: str = ""
    expiry_date: str = ""
    period_end: str = ""
    source_file: str = ""  # the rules file it came from
    status: str = "reviewed"  # reviewed / draft: drafts are never used in family answers
    line: int = 0  # where in the rules file it is written


@dataclass
class ConditionCheck:
    """One condition as checked against the profile."""

    text: str
    result: str  # met / unmet / unknown
    depth: int = 0
    note: str = ""
    group: str = ""  # "all" / "any" for a node whose lines follow one level deeper; "" for one fact


@dataclass
class Outcome:
    """The screening result for one rule."""

    rule: Rule
    status: str  # 可能符合 / 需补充信息 / 不符合
    checks: list[ConditionCheck] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # Chinese names of the facts still needed
    notes: list[str] = field(default_factory=list)
    validity: str = ""
    validity_flag: bool = False  # document not yet effective, expired, or its plan period is over
    next_step: str = ""
    region_missing: bool = False  # the profile named no region: only national rules were used
    general: bool = False  # the rule has no conditions (open to all elders)
    to_confirm: list[str] = field(default_factory=list)  # facts taken as likely and still to confirm (户籍)

    @property
    def quote(self) -> str:
        return self.rule.quotes[0]

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON / the web page."""
        r = self.rule
        return {
            "rule_id": r.id,
            "name": r.name,
            "region": r.region,
            "doc": r.doc,
            "title": r.title,
            "article": r.article,
            "status": self.status,
            "benefit": r.benefit,
            "amount": r.amount,
            "apply_to": r.apply_to,
            "missing": list(self.missing),
            "checks": [{"text": c.text, "result": c.result, "depth": c.depth, "note": c.note} for c in self.checks],
            "notes": list(self.notes),
            "quotes": list(r.quotes),
            "validity": self.validity,
            "validity_flag": self.validity_flag,
            "next_step": self.next_step,
            "region_missing": self.region_missing,
        }


# ---------------------------------------------------------------- loading and validation


def _parse_cond(raw: Any, where: str) -> Cond:
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: a condition must be a mapping, got {raw!r}")
    keys = [k for k in raw if k in _NODE_KEYS]
    unknown = [k for k in raw if k not in _NODE_KEYS and k not in NODE_EXTRAS]
    if unknown or len(keys) != 1:
        raise RuleError(f"{where}: a condition needs exactly one of {list(_NODE_KEYS)}, got keys {list(raw)}")
    kind = keys[0]
    value = raw[kind]
    extras = {k: str(raw.get(k) or "") for k in NODE_EXTRAS}
    if kind in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise RuleError(f"{where}: '{kind}' needs a non-empty list")
        children = tuple(_parse_cond(c, where) for c in value)
        return Cond(kind, None, children, **extras)
    if problem := CONDITION_KINDS[kind].validate(value):
        raise RuleError(f"{where}: {problem}")
    return Cond(kind, value, (), **extras)


def _iso_or_empty(value: Any, where: str, key: str) -> str:
    if value in (None, ""):
        return ""
    s = value.isoformat() if isinstance(value, dt.date) else str(value)
    try:
        dt.date.fromisoformat(s)
    except ValueError as exc:
        raise RuleError(f"{where}: {key} must be an ISO date, got {value!r}") from exc
    return s


def _load_file(path: Path) -> list[Rule]:
    text = path.read_text(encoding="utf-8")
    lines = _id_lines(text)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{path.name}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleError(f"{path.name}: the file must be a mapping with doc, title, region and rules")
    for key in ("doc", "title", "region", "rules"):
        if not data.get(key):
            raise RuleError(f"{path.name}: missing file-level field '{key}'")
    if not isinstance(data["rules"], list):
        raise RuleError(f"{path.name}: 'rules' must be a list")
    file_dates = {
        k: _iso_or_empty(data.get(k), path.name, k)
        for k in ("publish_date", "effective_date", "expiry_date", "period_end")
    }
    rules = []
    for i, raw in enumerate(data["rules"]):
        rid = raw.get("id") if isinstance(raw, dict) else None
        where = f"{path.name}: rule {rid or f'#{i + 1}'}"
        if not isinstance(raw, dict):
            raise RuleError(f"{where}: a rule must be a mapping")
        extra = set(raw) - _RULE_KEYS
        if extra:
            raise RuleError(f"{where}: unknown fields {sorted(extra)}")
        for key in ("id", "name", "article", "benefit"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise RuleError(f"{where}: missing '{key}'")
        quotes = raw.get("quotes")
        if not isinstance(quotes, list) or not quotes or not all(isinstance(q, str) and q.strip() for q in quotes):
            raise RuleError(f"{where}: 'quotes' must be a non-empty list of verbatim spans")
        amount = str(raw.get("amount") or DEFAULT_AMOUNT)
        if re.search(r"\d\s*(?:元|万元)", amount) and not any(squash(amount) in squash(q) for q in quotes):
            raise RuleError(f"{where}: amount states a figure that none of its quotes holds")
        if raw.get("status", REVIEWED) not in (REVIEWED, DRAFT):
            raise RuleError(f"{where}: status must be {REVIEWED} or {DRAFT}")
        conditions = _parse_cond(raw["conditions"], where) if raw.get("conditions") is not None else None
        rules.append(
            Rule(
                id=raw["id"],
                name=raw["name"],
                region=str(raw.get("region") or data["region"]),
                doc=str(raw.get("doc") or data["doc"]),
                title=str(data["title"]),
                article=raw["article"],
                benefit=raw["benefit"],
                quotes=[str(q) for q in quotes],
                conditions=conditions,
                apply_to=str(raw.get("apply_to") or ""),
                amount=amount,
                note=str(raw.get("note") or ""),
                priority=int(raw.get("priority") or 0),
                doc_number=str(data.get("doc_number") or ""),
                issuer=str(data.get("issuer") or ""),
                publish_date=file_dates["publish_date"],
                effective_date=_iso_or_empty(raw.get("effective_date"), where, "effective_date")
                or file_dates["effective_date"],
                expiry_date=_iso_or_empty(raw.get("expiry_date"), where, "expiry_date") or file_dates["expiry_date"],
                period_end=_iso_or_empty(raw.get("period_end"), where, "period_end") or file_dates["period_end"],
                source_file=path.name,
                status=str(raw.get("status") or REVIEWED),
                line=lines.get(str(raw["id"]), 0),
            )
        )
    return rules


def squash(s: str) -> str:
    """`s` without whitespace: how quotes are compared with a document's text."""
    return re.sub(r"\s+", "", s)


_ID_LINE = re.compile(r"\s*-?\s*id:\s*['\"]?(.+?)['\"]?\s*$")


def _id_lines(text: str) -> dict[str, int]:
    """Rule id → the line of the rules file where it is written (1-based)."""
    return {m.group(1): n for n, line in enumerate(text.splitlines(), start=1) if (m := _ID_LINE.match(line))}


def load_rules(directory: Path = RULES_DIR, documents: Mapping[str, tuple[str, set[str]]] | None = None,
               drafts: bool = False) -> list[Rule]:
    """Read every corpus/rules/*.yaml; raise RuleError naming the file, the rule id and its line on any
    problem. `documents`: source file → (its text, its article labels); with it, every quote must be in its
    document's text (ignoring whitespace) and every article label among its labels. Rules marked
    `status: draft` are left out unless `drafts` (the staff view)."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        used, ids = _file_rules(path, documents, drafts)
        if clash := next((i for i in ids if i in seen), None):
            raise RuleError(f"{path.name}: rule {clash}: id already used in {seen[clash]}")
        seen.update(dict.fromkeys(ids, path.name))
        rules += used
    return rules


def load_rules_lenient(directory: Path, documents: Mapping[str, tuple[str, set[str]]]) -> list[Rule]:
    """As `load_rules`, but a file that fails is refused alone (logged with its line), so one quote that a
    re-ingest changed does not take the whole checklist down."""
    rules: list[Rule] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            used, _ids = _file_rules(path, documents)
        except RuleError as e:
            log.error("rules file refused: %s", e)
            continue
        taken = {r.id for r in rules}
        if clash := next((r.id for r in used if r.id in taken), None):
            log.error("rules file refused: %s: rule %s: id already used", path.name, clash)
            continue
        rules += used
    return rules


def _file_rules(path: Path, documents: Mapping[str, tuple[str, set[str]]] | None,
                drafts: bool = False) -> tuple[list[Rule], list[str]]:
    """One rules file: the rules to use (reviewed ones, or drafts too; with `documents`, only those of indexed
    documents, each checked against its document) and the ids of all its rules. Raises RuleError for an id
    written twice in the file or a rule that fails its check."""
    used: list[Rule] = []
    ids: list[str] = []
    for rule in _load_file(path):
        if rule.id in ids:
            raise RuleError(f"{path.name}: rule {rule.id}: id already used in {path.name}")
        ids.append(rule.id)
        if documents is not None and rule.doc not in documents:
            log.info("rule %s left out: its document %s is not indexed", rule.id, rule.doc)
            continue
        if documents is not None:
            check_against(rule, documents)
        if rule.status == REVIEWED or drafts:
            used.append(rule)
    return used, ids


def check_rules_file(path: Path, documents: Mapping[str, tuple[str, set[str]]] | None) -> None:
    """Raise RuleError for a rules file that `load_rules` would refuse (drafts checked too)."""
    _file_rules(path, documents, drafts=True)


def documents_of(chunks: Iterable[Chunk]) -> dict[str, tuple[str, set[str]]]:
    """Source file → (its indexed text, its article labels): what `load_rules` checks rules against."""
    out: dict[str, tuple[str, set[str]]] = {}
    for c in sorted(chunks, key=lambda c: (c.source, c.start)):
        text, labels = out.get(c.source, ("", set()))
        out[c.source] = (f"{text}\n{c.text}", labels | {c.article})
    return out


def check_against(rule: Rule, documents: Mapping[str, tuple[str, set[str]]]) -> None:
    """Raise RuleError (with the file and line) when a quote is not verbatim in the rule's document, or its article label is not one of the document's (a label's 款/项 may narrow one: 第三条第二款)."""
    where = f"{rule.source_file}:{rule.line}: rule {rule.id}"
    text, labels = documents[rule.doc]
    flat = squash(text)
    for q in rule.quotes:
        if squash(q) not in flat:
            raise RuleError(f"{where}: quote is not verbatim in {rule.doc}: {q[:40]}")
    article = re.sub(r"[(（]?无条号[)）]?", "", rule.article)
    # "第(五)条第9、10项", "第三条第一至二款": several items or 款 of one clause; the clause's label must exist
    article = re.sub(r"第[\d一二三四五六七八九十]+(?:[、和至]第?[\d一二三四五六七八九十]+)+[项款]$", "", article)
    if article and not label_of(article, labels):
        raise RuleError(f"{where}: article {rule.article} is not a label of {rule.doc}")


_SEGMENT = re.compile(r"第[^第]{1,12}?(?:部分|编|章|节|条|款|项)")


def label_of(article: str, labels: Iterable[str]) -> bool:
    """Whether `article` names a clause of a document with these chunk labels, segment by segment (第二部分 /
    第(二)条 / 第4项): the same label; a clause whose 款 or 项 are the chunks (第三条 for 第三条第一款); one 款 or 项
    of a chunk (第三条第二款 for 第三条); or a chunk named with or without its part (第二部分第(二)条第4项 and
    第(二)条第4项). "第", "第九" or "第一百条第九条" name nothing."""
    if "、第" in article:  # several clauses: 第(五)条、第(六)条
        return all(label_of(part, labels) for part in article.split("、"))
    mine = _SEGMENT.findall(article)
    if not mine or "".join(mine) != article:
        return False
    for label in labels:
        theirs = _SEGMENT.findall(label)
        if not theirs:
            continue
        for a, b in ((mine, theirs), (_without_part(mine), theirs), (mine, _without_part(theirs))):
            n = min(len(a), len(b))
            if n and a[:n] == b[:n] and (len(a) == len(b) or max(a, b, key=len)[n].endswith(("款", "项"))):
                return True
    return False


def _without_part(segments: list[str]) -> list[str]:
    return segments[1:] if len(segments) > 1 and segments[0].endswith("部分") else segments


# ---------------------------------------------------------------- evaluation


def _eval(c: Cond, p: Profile, depth: int, out: list[ConditionCheck]) -> tuple[str, list[str]]:
    """Evaluate one node; append its check lines to `out`; return (result, missing facts)."""
    if c.kind in ("all", "any"):
        line = ConditionCheck(c.label or ("以下全部满足" if c.kind == "all" else "以下任一满足"), UNKNOWN, depth, c.note,
                              group=c.kind)
        out.append(line)
        results = [_eval(ch, p, depth + 1, out) for ch in c.children]
        kinds = [r for r, _ in results]
        if c.kind == "all":
            res = UNMET if UNMET in kinds else (MET if all(k == MET for k in kinds) else UNKNOWN)
        else:
            res = MET if MET in kinds else (UNMET if all(k == UNMET for k in kinds) else UNKNOWN)
        line.result = res
        missing: list[str] = []
        if res == UNKNOWN:
            for r, m in results:
                if r == UNKNOWN:
                    missing += [x for x in m if x not in missing]
        return res, missing

    kind = CONDITION_KINDS[c.kind]
    verdict = kind.check(c, p)
    out.append(ConditionCheck(c.label or kind.words(c.value), verdict.result, depth, c.note or verdict.note))
    return verdict.result, list(verdict.missing)


def _validity(rule: Rule, today: dt.date) -> tuple[str, bool]:
    text = validity({"effective_date": rule.effective_date, "expiry_date": rule.expiry_date}, today)
    flagged = text.startswith(("尚未施行", "已失效"))
    if not flagged and rule.period_end and today > dt.date.fromisoformat(rule.period_end):
        text = L["plan_ended"].format(end=rule.period_end)
        flagged = True
    return text, flagged


def _next_step(rule: Rule, status: str, missing: list[str]) -> str:
    if status == NOT_MET:
        return L["next_unmet"]
    if status == NEED_INFO:
        return L["next_ask"].format(ask="、".join(missing))
    if rule.apply_to:
        return L["next_apply"].format(office=rule.apply_to)
    return L["next_unknown_office"]


def screen(profile: Profile, rules: list[Rule], today: dt.date | None = None) -> list[Outcome]:
    """Screen the profile against national rules plus its region's (and parents') rules.

    No region → national rules only, each outcome marked region_missing. Rules of a document not yet
    effective, expired, or past its plan period are still listed, with validity_flag and the validity text.
    Order: the profile's own region's rules first (most specific), then parents, then national; by priority
    within a document.
    """
    today = today or dt.date.today()
    chain = load_lexicon().chain(profile.region) if profile.region else []
    if profile.region and profile.region not in chain:
        chain = [profile.region]
    scope = {r: i for i, r in enumerate([*chain, NATIONAL])}
    chosen = [r for r in rules if r.region in scope]
    chosen.sort(key=lambda r: (scope[r.region], r.doc, r.priority or 99))
    outcomes = []
    for rule in chosen:
        checks: list[ConditionCheck] = []
        if rule.conditions is None:
            result, missing = MET, []
        else:
            result, missing = _eval(rule.conditions, profile, 0, checks)
        status = {MET: POSSIBLE, UNKNOWN: NEED_INFO, UNMET: NOT_MET}[result]
        notes = [c.note for c in checks if c.note and c.result != UNMET]
        to_confirm: list[str] = []
        if status == NEED_INFO and profile.region and missing and all(_RESIDENCE.search(m) for m in missing):
            # the family named the place (济南, inside 山东省): only where the 户籍 is remains to confirm
            status, to_confirm = POSSIBLE, list(missing)
            notes.append(CONFIRM_RESIDENCE.format(facts="、".join(missing), place=profile.region))
        if rule.note:
            notes.append(rule.note)
        vtext, vflag = _validity(rule, today)
        outcomes.append(
            Outcome(
                rule=rule,
                status=status,
                checks=checks,
                missing=missing if status == NEED_INFO else [],
                notes=list(dict.fromkeys(notes)),
                validity=vtext,
                validity_flag=vflag,
                next_step=_next_step(rule, status, missing),
                region_missing=not profile.region,
                general=rule.conditions is None,
                to_confirm=to_confirm,
            )
        )
    return outcomes


# ---------------------------------------------------------------- routing

# open questions about a person's entitlements; yes/no questions about one benefit ("能住公办养老院吗?")
# are better answered by the clause itself (retrieval), so they do not route here
_OPEN = re.compile(
    r"(能|可以|可|能够|还能)(享受|申请|领|领取|拿|得到|办|住)(到)?(哪些|什么|啥|哪几|哪类|哪种)"
    r"|有(什么|哪些|啥)(待遇|补贴|福利|照顾|优惠|服务|帮助|政策)"
    r"|符合(什么|哪些|啥)条件|能享受什么|享受(什么|哪些)(待遇|政策|服务|补贴)"
)
_NOT_AN_ELDER = re.compile(r"外商|企业|公司|投资|开(个|一家|办)?.{0,6}(养老院|养老机构)|护理员|毕业生|从业|运营方")
_PERSON = re.compile(r"我|妈|爸|母亲|父亲|奶奶|爷爷|外婆|外公|姥姥|姥爷|老人|家里|家人|婆婆|公公|岳父|岳母|老伴")


def is_eligibility_question(text: str, context: str = "") -> bool:
    """True for open "what can my mother get?" questions about a person, not policy look-ups and not
    yes/no questions about a single benefit. `context`: earlier turns, which may name the person."""
    t = re.sub(r"\s+", "", text or "")
    if not t or _NOT_AN_ELDER.search(t):
        return False
    return bool(_OPEN.search(t) and (_PERSON.search(t) or _PERSON.search(context or "")))


# ---------------------------------------------------------------- answers

_STATUS_ORDER = {POSSIBLE: 0, NEED_INFO: 1, NOT_MET: 2}
_RESIDENCE = re.compile(r"户籍|户口")
BRIEF_GENERAL = 8  # names of services open to every elder shown in the chat (the rest: 等N项)
BRIEF_ASKS = 4  # facts the chat asks for at once


def _citation(n: int, o: Outcome) -> Citation:
    r = o.rule
    return Citation(
        n=n,
        doc=r.doc,
        title=r.title,
        region=r.region,
        article=r.article,
        date=r.publish_date,
        validity=o.validity,
        text=r.quotes[0],
        context=" / ".join(r.quotes),
        doc_number=r.doc_number,
        issuer=r.issuer,
    )


def _source(o: Outcome) -> str:
    """Where a rule comes from, with its level first: 【国家】/【山东省】《title》(文号)第X条."""
    r = o.rule
    number = f"({r.doc_number})" if r.doc_number else ""
    level = NATIONAL_RULE_LEVEL if r.region == NATIONAL else r.region
    return f"【{level}】《{r.title}》{number}{r.article}"


def _stated(amount: str) -> bool:
    """Whether a rule's amount is one the document states (a figure), not the default "not stated"."""
    return amount != DEFAULT_AMOUNT and bool(re.search(r"\d|[一二三四五六七八九十百千]+元", amount))


def answer_eligibility(profile: Profile, outcomes: list[Outcome], brief: bool = False) -> Answer:
    """Plain-Chinese answer: benefits that may apply first, then those needing facts; never an amount.
    `brief` (the chat): at most BRIEF_ITEMS benefits, each with its clause, then what is still needed;
    the full list with notes and unmet rules is the staff checklist."""
    citations: list[Citation] = []
    draft = AnswerDraft(kind="eligibility", closing=[DECIDER_NOTICE])
    if not profile.region:
        draft.lead.append(NO_REGION_YET)
    draft.lead.append(CHECKLIST_INTRO.format(profile=profile.describe()))

    def cite(o: Outcome) -> int:
        citations.append(_citation(len(citations) + 1, o))
        return len(citations)

    specific = [o for o in outcomes if o.status == POSSIBLE and not o.general]
    general = [o for o in outcomes if o.status == POSSIBLE and o.general]
    pending = [o for o in outcomes if o.status == NEED_INFO]
    shared_notes: list[str] = []
    if specific:
        lines: list[str] = []
        for i, o in enumerate(specific, 1):
            if brief and i > BRIEF_ITEMS:
                lines.append(MORE_ITEMS.format(n=len(specific) - BRIEF_ITEMS))
                break
            n = cite(o)
            lines.append(L["item"].format(i=i, name=o.rule.name, benefit=o.rule.benefit, n=n))
            lines.append(L["basis"].format(source=_source(o), quote=o.rule.quotes[0]))
            if _stated(o.rule.amount):  # 高龄津贴 ages and amounts as the document states them
                lines.append(L["amount"].format(amount=o.rule.amount))
            if brief:
                if o.to_confirm:
                    lines.append(L["explain"].format(note=CONFIRM_RESIDENCE.format(facts="、".join(o.to_confirm), place=profile.region)))
                continue
            if not _stated(o.rule.amount):
                lines.append(L["amount"].format(amount=o.rule.amount))
            for note in o.notes:
                if note.startswith("文件未写明“高龄”"):
                    if note not in shared_notes:
                        shared_notes.append(note)
                else:
                    lines.append(L["explain"].format(note=note))
            if o.validity_flag:
                lines.append(L["validity"].format(validity=o.validity))
            if o.rule.apply_to:
                lines.append(L["next"].format(step=o.next_step))
        draft.sections.append(Section(CHECK_HEAD_POSSIBLE, lines))
    if general and brief:
        names = list(dict.fromkeys(o.rule.name for o in general))
        more = AND_MORE.format(n=len(names)) if len(names) > BRIEF_GENERAL else ""
        draft.sections.append(Section(CHECK_HEAD_GENERAL_BRIEF + "、".join(names[:BRIEF_GENERAL]) + more + "。"))
    elif general:
        lines = []
        for o in general:
            n = cite(o)
            flag = L["general_validity"].format(validity=o.validity) if o.validity_flag else ""
            lines.append(L["general"].format(name=o.rule.name, benefit=o.rule.benefit, n=n, flag=flag))
        draft.sections.append(Section(CHECK_HEAD_GENERAL, lines))
    if specific or general:
        draft.sections.append(Section(CHECK_NEXT_STEP, [L["shared_note"].format(note=note) for note in shared_notes]))
    if pending:
        lines = []
        # the chat names those nearest to a decision (fewest facts missing; own region first, as screened)
        shown = sorted(pending, key=lambda o: len(o.missing))[:BRIEF_ITEMS] if brief else pending
        if brief:
            more = AND_MORE.format(n=len(pending)) if len(pending) > len(shown) else ""
            lines.append("、".join(dict.fromkeys(o.rule.name for o in shown)) + more + "。")
        for o in pending if not brief else []:
            n = cite(o)
            lines.append(L["pending"].format(name=o.rule.name, source=_source(o), n=n, missing="、".join(o.missing)))
        asks: list[str] = []
        for o in shown:
            asks += [m for m in o.missing if m not in asks]
        lines.append(L["ask"].format(asks=";".join(asks[:BRIEF_ASKS] if brief else asks)))
        draft.sections.append(Section(CHECK_HEAD_PENDING, lines))
    unmet = [o for o in outcomes if o.status == NOT_MET and not brief]
    if unmet:
        lines = []
        for o in unmet:
            why = [c.text for c in o.checks if c.result == UNMET and not c.text.startswith("以下")]
            lines.append(L["unmet"].format(name=o.rule.name, source=_source(o), why="、".join(why[:3]) or L["unmet_any"]))
        draft.sections.append(Section(CHECK_HEAD_UNMET, lines))
    last = [CHECKLIST_NOTHING] if not (specific or general or pending) else []
    stated = any(_stated(o.rule.amount) for o in outcomes if o.status != NOT_MET)
    if last:  # "nothing found" is said right after the last section, the amounts line after a blank one
        if draft.sections:
            draft.sections[-1].lines += last
        else:
            draft.lead += last
    draft.sections.append(Section("", [AMOUNTS_STATED if stated else AMOUNTS_NOT_STATED]))
    return to_answer(draft, refused=False, citations=citations, region=profile.region)


_RESULT_MARK = {MET: P["met"], UNMET: P["unmet"], UNKNOWN: P["unknown"]}


def checklist_markdown(profile: Profile, outcomes: list[Outcome]) -> str:
    """A printable checklist for staff: every rule screened, its conditions, quote, validity and next step."""
    out = [P["title"], "", P["profile"].format(profile=profile.describe())]
    if not profile.region:
        out.append(P["no_region"])
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in STATUSES}
    out.append(P["result"] + P["count_sep"].join(P["count"].format(status=s, n=counts[s]) for s in STATUSES))
    out.append("")
    for status in STATUSES:
        group = [o for o in outcomes if o.status == status]
        if not group:
            continue
        out += [f"## {status}", ""]
        for o in group:
            r = o.rule
            out.append(f"- [ ] **{r.name}** —— {r.region}《{r.title}》{r.article}")
            out.append(P["benefit"].format(benefit=r.benefit))
            out.append(P["amount"].format(amount=r.amount))
            if r.apply_to:
                out.append(P["apply_to"].format(apply_to=r.apply_to))
            for c in o.checks:
                out.append(f"  - {'  ' * c.depth}{_RESULT_MARK[c.result]}:{c.text}" + (f"({c.note})" if c.note else ""))
            if o.missing:
                out.append(P["missing"].format(missing="、".join(o.missing)))
            if r.note:
                out.append(P["note"].format(note=r.note))
            out.append(P["validity"].format(validity=o.validity) + (P["flag"] if o.validity_flag else ""))
            for q in r.quotes:
                out.append(P["quote"].format(quote=q, doc=r.doc))
            out.append(P["next"].format(step=o.next_step))
        out.append("")
    out.append(DECIDER_NOTICE)
    return "\n".join(out) + "\n"


__all__ = [
    "COLLOQUIAL_LEVELS",
    "NEED_INFO",
    "NOT_MET",
    "POSSIBLE",
    "RULES_DIR",
    "ConditionCheck",
    "Outcome",
    "Rule",
    "RuleError",
    "answer_eligibility",
    "checklist_markdown",
    "is_eligibility_question",
    "load_rules",
    "screen",
]
