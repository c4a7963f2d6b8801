"""Rule drafts from clauses (issue 16, item 1): read an indexed document's clauses and propose eligibility
rules — who (age bands, 特困, 低保, 失能…), what (高龄津贴, 护理补贴, 优先入住…), how much and whom to ask
where the clause states them — each with its article label, verbatim quotes, `status: draft` and a
confidence. Nothing is invented: a condition the clause does not state is not added.

    chunks of one document → sentences (a list item with its introduction) → who + what → DraftRule → YAML

The vocabulary of the documents is data, defined once: how they name benefits here (`WHAT`), how they name
groups of elders in the table of condition kinds (`conditions.CONDITION_KINDS`, each kind's `drafted_from`);
the age bands are read by `agebands`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from advisor.answer.agebands import OLDEST, age_bands
from advisor.answer.compose import _ADDRESSEE, _ITEM_START, list_intro
from advisor.answer.templates import RULE_DRAFT as D
from advisor.ingest.patterns import MONEY
from advisor.ingest.structure import ARTICLE
from advisor.schema import Chunk
from advisor.services.conditions import document_words
from advisor.services.eligibility import DEFAULT_AMOUNT, squash

# how documents name the groups a rule is for → the condition it becomes (the first match of a group wins;
# longer names first, so 低保边缘 is not read as 低保): each condition kind's `drafted_from` words, in rank order
WHO: tuple[tuple[str, dict[str, Any]], ...] = document_words()
# what documents grant → the name a draft gets (the first match wins)
WHAT: tuple[tuple[str, str], ...] = (
    (r"高龄(?:老年人)?津贴|高龄补贴|长寿(?:补贴|津贴|保健金)", "高龄津贴"),
    (r"尊老金|敬老金|慰问金|长寿金", "敬老金"),
    (r"护理补贴", "护理补贴"),
    (r"养老服务补贴|服务补贴", "养老服务补贴"),
    (r"长期护理保险(?:待遇)?", "长期护理保险待遇"),
    (r"意外(?:伤害)?(?:险|保险)", "老年人意外伤害保险"),
    (r"紧急呼叫|呼叫(?:设备|终端|器)|智能(?:安全)?(?:设备|终端)|一键(?:呼叫|通)", "紧急呼叫服务"),
    (r"最低生活保障金?|低保金", "最低生活保障"),
    (r"特困人员(?:救助)?供养", "特困人员供养"),
    (r"临时救助", "临时救助"),
    (r"医疗救助", "医疗救助"),
    (r"家庭养老床位|家庭照护床位", "家庭养老床位"),
    (r"适老化改造|无障碍(?:设施)?改造", "居家适老化改造"),
    (r"上门[^。；;，,]{0,4}服务|上门照护|上门护理|上门提供", "居家上门服务"),
    (r"(?:优先|免费|集中)(?:安排)?(?:入住|收住|供养)|入住[^。；;]{0,24}优先安排|应当安排收住", "养老机构优先入住"),
    (r"养老机构[^。；;]{0,8}收住|收住[^。；;]{0,12}老年人", "养老机构收住"),
    (r"照护技能培训|照护培训", "家庭成员照护培训"),
    (r"能力(?:综合)?(?:评估|复评)|需求评估|评估费", "老年人能力评估"),
    (r"探访|巡访|关爱", "探访关爱"),
    (r"优待|免费乘坐", "老年人优待"),
    (r"照顾者|照护者|喘息", "家庭照护者支持"),
    (r"廉租住房|公共租赁住房|保障性住房|共有产权保障住房|住房保障|危旧房屋改造", "住房保障优先"),
    (r"生活救助|社会救助|(?:给予|实施)[^。；;]{0,12}救助", "社会救助"),
    (r"供养", "供养"),
    (r"扶助", "扶助"),
    (r"就医[^。；;]{0,6}优先|优先(?:安排)?就(?:诊|医)|家庭病床|上门诊视|上门诊疗|上门医疗|上门随访|巡回医疗",
     "就医优先与上门医疗"),
    (r"健康管理|健康档案|免费体检|公共卫生服务|家庭医生", "健康服务"),
    (r"生活照料|紧急救援|医疗护理|精神慰藉|居家养老服务|社区养老服务", "居家社区养老服务"),
    (r"诉讼费|缓交|减交|免交", "诉讼费缓减免"),
    (r"法律援助|法律服务|律师帮助", "法律援助"),
    (r"公共交通|乘车|乘坐", "公共交通优待"),
    (r"门票|免费开放|优惠开放|免费进入|参观|游览|(?:公园|博物馆|纪念馆|美术馆|景区|景点)", "场馆门票优惠"),
    (r"探亲休假", "赡养人探亲休假"),
    (r"护理假|陪护假", "子女护理假"),
    (r"赡养费|赡养义务", "子女赡养"),
    (r"遗赠扶养|扶助协议", "遗赠扶养协议"),
    (r"筹劳", "免除筹劳义务"),
    (r"优先(?:办理|保障|照顾|服务|帮助)|上门(?:采集|立案|办理)", "优先和上门办理"),
    (r"补贴|补助|津贴", "补贴"),
    (r"免费|免收|优惠", "免费或优惠"),
)
# the verbs by which documents grant something to elders: laws' (给予, 享受) and plans' (建设…床位, 开展…评估)
GRANTS = re.compile(r"给予|发放|享受|提供|纳入|优先|免费|免收|减免|补贴|补助|津贴|安排|资助|救助|收住|开展|建设|推进|加强"
                    r"|完善|探索|建立|(?<!最低生活)保障|可以|不承担|优惠|缓交|减交|免交|帮助|便利|照顾|关爱|援助|扶持|供养|投保"
                    r"|购买|探访|走访|巡访|上门|费用?由[^。；;]{0,16}承担")
_WHO = [(re.compile(p), cond) for p, cond in WHO]
_WHAT = [(re.compile(p), name) for p, name in WHAT]
_AMOUNT = re.compile(rf"[^，,。；;：:]*{MONEY.pattern}[^，,。；;]*")
_EVERY_ELDER = re.compile(r"(?:为|向|对|面向|供|照顾|保障)[^，,。；;]{0,12}老年人|^老年人|老年人(?:可以|有权|不承担|享有|因)")
# whom to ask: an office named as the one to apply to, to go to, or that decides
_ASK_WHERE = re.compile(r"向[^，,。；;]{2,30}(?:提出|提交|申请|申报)|到[^，,。；;]{2,20}(?:办理|申请)"
                        r"|由[^，,。；;]{2,24}(?:审批|审核|受理|办理|认定)")
_ITEM = re.compile(r"^[(（][一二三四五六七八九十\d]+[)）]")
_CLAUSE_END = re.compile(r"(?<=[。；;！？!?])")


def clauses(text: str) -> list[str]:
    """A chunk's clauses: its sentences, cut also at ；(the items of a list written on one line), each without
    a leading article label ("第十八条…"): verbatim spans of the text."""
    out = []
    for line in text.split("\n"):
        for part in _CLAUSE_END.split(line):
            if m := ARTICLE.pattern.match(part.strip()):
                part = m.group("rest")
            if part.strip():
                out.append(part.strip())
    return out


def _span_around(text: str, m: re.Match[str]) -> str:
    """The clause of `text` (between ，；。) that holds the match."""
    start = max(text.rfind(x, 0, m.start()) for x in "，,；;。：:") + 1
    ends = [i for i in (text.find(x, m.end()) for x in "，,；;。") if i >= 0]
    return text[start : min(ends) if ends else len(text)].strip()


@dataclass
class DraftRule:
    """A proposed rule: what one clause grants to whom, with its label, verbatim quotes and a confidence."""

    id: str
    name: str
    article: str
    benefit: str
    quotes: list[str]
    conditions: dict[str, Any] | None = None
    amount: str = DEFAULT_AMOUNT
    apply_to: str = ""
    confidence: float = 0.0
    why: list[str] = field(default_factory=list)  # what the drafter read, for the reviewer

    def as_yaml(self) -> dict[str, Any]:
        """The rule as a rules file holds it (status: draft)."""
        out: dict[str, Any] = {"id": self.id, "name": self.name, "status": "draft",
                               "confidence": round(self.confidence, 2), "article": self.article}
        if self.conditions is not None:
            out["conditions"] = self.conditions
        out.update({"benefit": self.benefit, "apply_to": self.apply_to, "amount": self.amount,
                    "quotes": list(self.quotes), "note": D["note"] + D["note_sep"].join(self.why)})
        return out


def who_of(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The conditions a text states and the words it states them with: age bands (the youngest age of
    each as age_at_least) and the named groups."""
    conds: list[dict[str, Any]] = []
    words: list[str] = []
    rest = text
    for pattern, cond in _WHO:
        if m := pattern.search(rest):
            conds.append(dict(cond))
            words.append(m.group(0))
            rest = rest.replace(m.group(0), " ")  # 低保边缘 is not read again as 低保
    for lo, hi in age_bands(text):
        if lo > 0:
            conds.append({"age_at_least": lo} if hi >= OLDEST else
                         {"age_at_least": lo, "note": D["age_band"].format(lo=lo, hi=hi)})
            words.append(D["age_from"].format(lo=lo) if hi >= OLDEST else D["age_range"].format(lo=lo, hi=hi))
    return conds, words


def what_of(text: str) -> tuple[str, str]:
    """(the benefit's name, the words naming it), or ("", "") when the text grants none of them."""
    if not GRANTS.search(text):
        return "", ""
    for pattern, name in _WHAT:
        if m := pattern.search(text):
            return name, m.group(0)
    return "", ""


def _condition(conds: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    """One condition node: a single condition, or all of them; the groups the clause lists as alternatives
    (或者, 之一, or several groups joined by 、) become any of them. An age or a fact to confirm (户籍) always
    holds with the rest ("具有本省户籍、经评估为中度以上失能的" is 户籍 and 失能, not either)."""
    if not conds:
        return None
    if len(conds) == 1:
        return conds[0]
    fixed = [c for c in conds if "age_at_least" in c or "info" in c]
    groups = [c for c in conds if c not in fixed]
    either = re.search(r"之一|或者|或|、", text) and not re.search(r"且|并且|同时", text)
    if either and len(groups) > 1:
        node: dict[str, Any] = {"any": groups}
        return {"all": [*fixed, node]} if fixed else node
    return {"all": conds}


def _introduces(chunk: Chunk) -> str:
    """The sentence with which a chunk introduces the items below it ("…符合下列条件之一的，按照相应标准享受
    居家养老服务补贴（…）："), or ""."""
    sents = clauses(chunk.text)
    last = sents[-1] if sents else ""
    return last if last.rstrip().endswith(("：", ":")) and not _ADDRESSEE.match(last) else ""


def _outer(chunk: Chunk, intros: list[tuple[list[str], str]]) -> list[str]:
    """What a list item of `chunk` reads under, outermost first: the sentences of earlier chunks that introduce
    the lists it sits in, and the titles of the headings between ("（一）城乡特困人员中分散供养的老年人"), each
    verbatim in the document. A 条 of a law (no deeper heading) reads under nothing."""
    path = chunk.heading_path.split(" > ") if chunk.heading_path else []
    out: list[str] = []
    for where, intro in intros:  # a preamble (no heading) introduces the whole notice, not a list
        if where and len(where) < len(path) and path[: len(where)] == where:
            out.append(intro)
            out += [t for t in path[len(where): -1] if not _ITEM.match(t) or len(t) > 6]
    return list(dict.fromkeys(out))


def _node(parts: list[str]) -> dict[str, Any] | None:
    """The conditions of texts read one inside another: each text's own node, all of them together."""
    nodes = [n for t in parts if (n := _condition(who_of(t)[0], t)) is not None]
    if len(nodes) <= 1:
        return nodes[0] if nodes else None
    flat: list[dict[str, Any]] = []
    for n in nodes:
        flat += [x for x in (n["all"] if set(n) == {"all"} else [n]) if x not in flat]
    return flat[0] if len(flat) == 1 else {"all": flat}


def draft_rules(chunks: list[Chunk], prefix: str) -> list[DraftRule]:
    """Draft rules from one document's chunks (in order). `prefix`: the start of every draft's id."""
    drafts: list[DraftRule] = []
    seen: set[str] = set()
    intros: list[tuple[list[str], str]] = []  # (heading path, sentence) of chunks that introduce a list
    whole = squash("".join(c.text for c in chunks))
    for chunk in chunks:
        sents = clauses(chunk.text)
        outer = _outer(chunk, intros)
        if intro := _introduces(chunk):
            intros.append((chunk.heading_path.split(" > ") if chunk.heading_path else [], intro))
        head_item = bool(sents) and bool(_ITEM_START.match(sents[0]) or chunk.article.endswith("项"))
        for k, sent in enumerate(sents):
            intro = list_intro(sents, k)
            # "下列老年人…应当优先安排：（一）特困人员": the list says what, its items who; else the item says what
            # ("对享受补贴的失能老年人：1.每月提供…上门助洁服务" — the list says whom, its items what);
            # an item of a list introduced in an earlier chunk ("1.失能老年人，每人每月400元") reads under it
            name, what_words = what_of(intro) if intro else ("", "")
            own = what_of(sent)
            names_whom = bool(who_of(sent)[0])
            if not name or (intro and own[0] and who_of(intro)[0] and not names_whom):
                name, what_words = own
            # an item naming whom but not what, or what but not whom: it reads under the lists it sits in
            item = _ITEM_START.match(sent) or (k == 0 and chunk.article.endswith("项"))
            above = outer if item and ((not name and names_whom)
                                       or (name and not names_whom and who_of(" ".join(outer))[0])) else []
            if not name and not item and k > 0 and _AMOUNT.search(sent):
                # an amount after the clause it belongs to: "（一）特困人员中的老年人。经评估为失能的，每人每月400元；
                # 半失能的，…": under the item's head (and its lists); "…按月发放高龄津贴。80—89周岁每人每月50元；":
                # under the clause granting it
                granting = next((x for x in reversed(sents[:k]) if what_of(x)[0]), "")
                above = [granting] if granting else ([*outer, sents[0]] if head_item else [])
            elif k == 0 and head_item and not name and any(_AMOUNT.search(x) and not what_of(x)[0] for x in sents[1:]):
                continue  # the item's head alone: its amounts below are the rules
            if not intro and sent.rstrip().endswith(("：", ":")) and k == len(sents) - 1 and _introduces(chunk):
                continue  # a list's introduction: its items (in the chunks that follow) are the rules
            for text in reversed(above):
                if not name:
                    name, what_words = what_of(text)
            conds, who_words = who_of(" ".join([*above, sent]))
            # a clause naming no group grants to every elder only when it says so (老年人, 全体老年人)
            # the same words under another list are another rule ("1.特困老年人；" under 护理补贴 and under 公园)
            key = "\n".join([*above, sent])
            if not name or key in seen or not (conds or _EVERY_ELDER.search(sent)):
                continue
            seen.add(key)
            # a heading's title is read, but quoted only where the indexed text holds it (quotes are verbatim)
            said = [x for x in above if squash(x) in whole]
            quotes = [x.strip() for x in (*said, intro, sent) if x and x.strip()]
            amount = next((m.group(0).strip() for q in [sent, *quotes] if (m := _AMOUNT.search(q))), "")
            # whom to ask: said in the clause, or in another sentence of the same 条 ("…可以向…提出申请。")
            asking = next((q for q in quotes if _ASK_WHERE.search(q)), "") or next(
                (x for x in sents if _ASK_WHERE.search(x) and not _ITEM.match(x)), "")
            if asking and asking not in quotes:
                quotes.append(asking)
            office = _span_around(asking, _ASK_WHERE.search(asking)) if asking else ""
            confidence = (0.4 if conds else 0.2) + 0.2 * bool(chunk.article) + 0.15 * bool(amount) + 0.1 * bool(office) \
                + 0.15 * (len(conds) <= 3)
            digest = hashlib.sha1(key.encode()).hexdigest()[:6]
            drafts.append(DraftRule(
                id=f"{prefix}-{digest}", name=name, article=chunk.article or D["no_article"],
                benefit=sent.strip(), quotes=quotes,
                conditions=_node([*above, sent]) if above else _condition(conds, sent),
                amount=amount or DEFAULT_AMOUNT, apply_to=office, confidence=min(confidence, 1.0),
                why=[D["who"].format(who="、".join(who_words) or D["everyone"]), D["what"].format(what=what_words)]
                + ([D["amount"].format(amount=amount)] if amount else []) + ([D["office"]] if office else [])
                + [D["heading"].format(title=x) for x in above if x not in said],
            ))
    return drafts


def draft_stem(chunk: Chunk) -> str:
    """A readable ASCII name for a document's rules file: its title in pinyin, and its date (two versions
    of one regulation get two names), e.g. shanghaishishehuijiuzhutiaoli-2024-12-31."""
    from pypinyin import lazy_pinyin

    name = re.sub(r"[^0-9a-z]+", "", "".join(lazy_pinyin(chunk.title or chunk.source)).lower())[:40] or "doc"
    date = chunk.publish_date or chunk.effective_date
    return f"{name}-{date}" if date else f"{name}-{hashlib.sha1(chunk.doc_id.encode()).hexdigest()[:4]}"


def draft_file(chunks: list[Chunk], today: dt.date | None = None) -> dict[str, Any]:
    """A whole rules file of drafts for the document the chunks belong to (never loaded into answers
    until reviewed: drafts are written under corpus/rules/drafts/)."""
    first = chunks[0]
    prefix = f"draft-{draft_stem(first)}"
    return {
        "doc": first.source, "title": first.title, "doc_number": first.doc_number, "region": first.region,
        "publish_date": first.publish_date, "effective_date": first.effective_date,
        "expiry_date": first.expiry_date, "status": "draft", "drafted": (today or dt.date.today()).isoformat(),
        "rules": [d.as_yaml() for d in draft_rules(chunks, prefix)],
    }


def to_yaml(data: dict[str, Any]) -> str:
    """The drafts file as YAML, Chinese kept readable, with a header telling staff what to do."""
    head = D["file_head"]
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
