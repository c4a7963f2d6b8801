"""Check a generated answer sentence by sentence against the passages it cites.

The generative mode (:mod:`advisor.answer.generate`) lets a language model rewrite the extractive answer's
passages in plain words, each sentence ending with the number of the passage it rests on, e.g. ``[1]``.
Nothing the model writes is trusted:

1. A sentence without a citation, or citing a number that was not given, is unsupported.
2. Hard facts must appear in the cited passages (their text, title, region and article — exactly what
   the prompt showed): every number (arabic or Chinese numerals, with its unit: ages ``80周岁``,
   percentages ``50%``/``百分之五十``, years ``2025年``, amounts ``300元``), every region named, and every
   named benefit (``高龄津贴``, ``护理补贴``, ``家庭养老床位``, ...: names of the rules under
   ``corpus/rules/`` plus any word ending in a benefit kind such as 津贴/补贴/床位/保险). The region of the
   elder's own profile is allowed too; the profile's numbers (age) are not: "年满82岁的老人可以…" would read
   as a rule. So must every office,
   document or channel of a next step (民政局, 乡镇, 身份证, 热线, ...: :data:`OFFICES`).
3. The rest is checked by meaning: the cosine (multilingual-e5-small) between the sentence and the
   closest sentence of the cited passages must reach :attr:`VerifySettings.min_cosine`
   (calibrated by ``bench/calibrate_verify.py``, see ``bench/results/verify-calibration.md``), unless the
   sentence is a near quote (:attr:`VerifySettings.min_quoted` of its character bigrams are in the cited
   text): e5's cosine is unreliable for very short sentences such as "到2029年基本建成。".

An unsupported sentence that cites a real passage is replaced by that passage's extractive sentence
(once); otherwise it is removed. When more than :attr:`VerifySettings.max_unsupported` of the sentences
are unsupported the caller falls back to the extractive answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from advisor.answer.templates import GENERATED_QUOTE, VERIFY
from advisor.ingest.numerals import CN_NUM, cn_to_number
from advisor.lexicon import Lexicon, find_regions
from advisor.schema import Citation
from advisor.settings import env

# ---------------------------------------------------------------------------- settings


@dataclass
class VerifySettings:
    """Thresholds of the verifier; ``from_env`` reads ADVISOR_VERIFY_MIN_COSINE / _MAX_UNSUPPORTED."""

    # cosine (e5-small, passage prefix on both sides) between a sentence and the closest cited sentence;
    # chosen by bench/calibrate_verify.py (bench/results/verify-calibration.md)
    min_cosine: float = 0.92
    # a sentence whose character bigrams are at least this share in the cited text is a (near) quote: it
    # passes without the cosine, which is unreliable for very short sentences ("到2029年基本建成。")
    min_quoted: float = 0.8
    # share of unsupported sentences above which the whole generated answer is dropped
    max_unsupported: float = 0.5

    @classmethod
    def from_env(cls) -> VerifySettings:
        """Defaults overridden by the environment."""
        s = cls()
        s.min_cosine = float(env("VERIFY_MIN_COSINE"))
        s.max_unsupported = float(env("VERIFY_MAX_UNSUPPORTED"))
        return s


# ---------------------------------------------------------------------------- sentences and citations

_MARKS = re.compile(r"[\[【]\s*(\d{1,2}(?:\s*[,，、]\s*\d{1,2})*)\s*[\]】]")
_LEADING_MARKS = re.compile(r"^\s*(?:[\[【]\s*\d{1,2}(?:\s*[,，、]\s*\d{1,2})*\s*[\]】]\s*)+")
_END = re.compile(r"(?<=[。!?\uff01\uff1f;；])")


def split_generated(text: str) -> list[str]:
    """Sentences of a generated answer. A citation written after the full stop (``……。[1]``) stays with
    the sentence before it; line breaks end sentences too; list bullets are dropped."""
    out: list[str] = []
    for line in text.replace("\r", "").split("\n"):
        line = re.sub(r"^\s*(?:[-*·•]|\d+[.、)]|[((]\d+[))])\s*", "", line)
        for piece in _END.split(line):
            m = _LEADING_MARKS.match(piece)
            if m and out:
                out[-1] += m.group(0).strip()
                piece = piece[m.end() :]
            if piece.strip():
                out.append(piece.strip())
    return out


def cited_numbers(sentence: str) -> list[int]:
    """The passage numbers a sentence cites, in order, without repeats: ``[1][3]``, ``[1,2]``, ``【2】``."""
    out: list[int] = []
    for m in _MARKS.finditer(sentence):
        for n in re.split(r"[,，、]", m.group(1)):
            if int(n) not in out:
                out.append(int(n))
    return out


def strip_marks(sentence: str) -> str:
    """The sentence without its citation markers."""
    return _MARKS.sub("", sentence).strip()


# ---------------------------------------------------------------------------- hard facts: numbers

# units that make a number a hard fact; each maps to its class (元 and 万元 differ on purpose)
_UNITS = {
    "万元": "万元", "元": "元", "块": "元", "%": "%", "\uff05": "%", "周岁": "岁", "岁": "岁", "年": "年",
    "个月": "月", "月": "月", "日": "日", "天": "天", "倍": "倍", "成": "成", "张": "张", "人": "人",
    "小时": "小时", "分钟": "分钟", "次": "次", "类": "类", "项": "项", "级": "级", "种": "种", "条": "条",
    "万": "万", "个": "个",
}
_UNIT_RE = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_ARABIC = re.compile(rf"(\d+(?:[,，]\d{{3}})*(?:\.\d+)?)\s*({_UNIT_RE})?")
_PERCENT_CN = re.compile(rf"百分之([{CN_NUM}]+|\d+(?:\.\d+)?)")
_CHINESE = re.compile(rf"第?[((]?([{CN_NUM}]+)[))]?\s*({_UNIT_RE}|部分)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_STRONG_FOR_ONE = {"年", "岁", "元", "万元", "%", "倍", "成"}  # "一" counts only with these ("进一步" etc. not)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Fact:
    """A number with its unit class ("" when the number stands alone), as found in a text."""

    value: str
    unit: str
    surface: str


def number_facts(text: str) -> list[Fact]:
    """Every number in ``text`` with its unit class: ``2025年`` → (2025, 年), ``百分之五十`` → (50, %),
    ``八十周岁`` → (80, 岁). A lone ``一`` counts only before a strong unit (年, 岁, 元, %, 倍, 成)."""
    text = _ISO_DATE.sub(lambda m: f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日", text)
    facts: list[Fact] = []
    taken = [False] * len(text)

    def add(m: re.Match[str], value: float | None, unit: str) -> None:
        if value is None or any(taken[m.start() : m.end()]):
            return
        for i in range(m.start(), m.end()):
            taken[i] = True
        facts.append(Fact(_fmt(value), unit, m.group(0)))

    for m in _PERCENT_CN.finditer(text):
        raw = m.group(1)
        add(m, float(raw) if raw[0].isdigit() else cn_to_number(raw), "%")
    for m in _ARABIC.finditer(text):
        add(m, float(m.group(1).replace(",", "").replace(",", "")), _UNITS.get(m.group(2) or "", ""))
    for m in _CHINESE.finditer(text):
        digits, unit = m.group(1), m.group(2) or ""
        ordinal = m.group(0).startswith("第")
        if not unit and not ordinal:
            continue  # Chinese numerals without a unit are words (一体化, 三医联动 is caught by its unit)
        if digits in ("一", "万") and not ordinal and _UNITS.get(unit, unit) not in _STRONG_FOR_ONE:
            continue
        if digits in ("十", "百", "千", "万") and not ordinal and unit not in ("岁", "周岁", "元", "年"):
            continue
        add(m, cn_to_number(digits), "第" if ordinal and not unit else _UNITS.get(unit, unit))
    return facts


def unsupported_numbers(sentence: str, source: str) -> list[str]:
    """Numbers of ``sentence`` that ``source`` does not have: the value must occur there, and when the
    sentence gives a unit the same value must occur with the same unit (80元 is not 80周岁)."""
    have = number_facts(source)
    values = {f.value for f in have}
    pairs = {(f.value, f.unit) for f in have}
    bad = []
    for f in number_facts(sentence):
        if f.value not in values or (f.unit and f.unit != "第" and (f.value, f.unit) not in pairs):
            bad.append(f.surface)
    return bad


# ---------------------------------------------------------------------------- hard facts: named benefits

# kinds of benefit: a word ending in one of these names a benefit (高龄津贴, 护理补贴, 家庭养老床位, ...)
BENEFIT_KINDS = ("津贴", "补贴", "补助金", "补助", "床位", "保险", "服务券", "消费券", "救助", "供养", "护理假", "养老金")
# two characters before a benefit kind that do not name it (申请补贴, 给予补贴, 的补贴)
_NOT_A_NAME = {
    "申请", "领取", "享受", "享有", "给予", "发放", "获得", "提高", "提供", "相关", "有关", "相应", "落实",
    "纳入", "包括", "可以", "能够", "按照", "设立", "建立", "完善", "实行", "开展", "各项", "这项", "该项",
    "一定", "专项", "这些", "此类", "哪些", "什么", "这个", "还有", "以及", "或者", "并且", "政府",
}
_KIND_RE = re.compile("|".join(sorted(BENEFIT_KINDS, key=len, reverse=True)))


def load_benefit_names(rules_dir: Path) -> list[str]:
    """Named benefits from the rules files (``name:`` of each rule, split at 、/()), those ending in a
    benefit kind: 高龄津贴, 家庭养老床位, 长期护理保险, ... Longest first."""
    names: set[str] = set()
    for path in sorted(Path(rules_dir).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        for rule in data.get("rules") or []:
            for piece in re.split(r"[、/()()和及与,，]", str(rule.get("name", ""))):
                piece = piece.strip()
                if 4 <= len(piece) <= 8 and piece.endswith(BENEFIT_KINDS):
                    names.add(piece)
    return sorted(names, key=len, reverse=True)


def unsupported_benefits(sentence: str, source: str, names: Sequence[str] = ()) -> list[str]:
    """Named benefits of ``sentence`` missing from ``source``: a known name (``names``) must occur whole;
    any other ``XX`` + benefit kind (护理补贴) must occur as written, or, when ``XX`` does not name it
    (申请补贴), the bare kind must occur."""
    bad: list[str] = []
    taken = [False] * len(sentence)
    for name in names:
        start = 0
        while (i := sentence.find(name, start)) >= 0:
            start = i + len(name)
            if any(taken[i:start]):
                continue
            for j in range(i, start):
                taken[j] = True
            if name not in source:
                bad.append(name)
    for m in _KIND_RE.finditer(sentence):
        if any(taken[m.start() : m.end()]):
            continue
        prefix = sentence[max(0, m.start() - 2) : m.start()]
        named = len(prefix) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in prefix) and prefix not in _NOT_A_NAME
        named = named and not any(ch in "的和及与或等" for ch in prefix)
        term = prefix + m.group(0) if named else m.group(0)
        if term not in source and term not in bad:
            bad.append(term)
    return bad


# where to go and what to bring: a next step is stated only when the cited passage states it
OFFICES = (
    "民政局", "民政部门", "民政厅", "人社局", "医保局", "卫健委", "残联", "乡镇", "街道", "村委会", "居委会",
    "社区", "窗口", "热线", "电话", "身份证", "户口簿", "户口本", "户籍", "申请表", "证明", "残疾证", "银行卡",
    "另行公布", "网上", "小程序", "12345", "评估机构",
)


def unsupported_offices(sentence: str, source: str) -> list[str]:
    """Offices, documents and channels of a next step named in ``sentence`` but not in ``source``."""
    return [w for w in OFFICES if w in sentence and w not in source]


def unsupported_regions(sentence: str, source: str, allowed: Iterable[str], lex: Lexicon) -> list[str]:
    """Regions named in ``sentence`` that are neither named in ``source`` nor in ``allowed``."""
    ok = set(allowed) | set(find_regions(source, lex))
    return [r for r in find_regions(sentence, lex) if r not in ok]


# ---------------------------------------------------------------------------- the check


@dataclass
class SentenceCheck:
    """One generated sentence and what the verifier did with it."""

    text: str  # as generated (with its markers)
    cites: list[int]
    status: str = "kept"  # kept / replaced / removed
    reason: str = ""  # why it was not kept (Chinese, shown in the sources view)
    cosine: float | None = None
    output: str = ""  # what the answer shows instead ("" when removed)


@dataclass
class Verification:
    """The verifier's result for one generated answer."""

    sentences: list[SentenceCheck] = field(default_factory=list)
    fallback: bool = False  # too much unsupported: the extractive answer is shown instead

    @property
    def counts(self) -> dict[str, int]:
        """How many sentences were kept, replaced and removed."""
        out = {"kept": 0, "replaced": 0, "removed": 0}
        for s in self.sentences:
            out[s.status] += 1
        return out

    @property
    def unsupported_share(self) -> float:
        """Share of sentences not kept as generated."""
        return 1 - self.counts["kept"] / len(self.sentences) if self.sentences else 1.0

    @property
    def text(self) -> str:
        """The verified text: kept sentences and replacements, in order."""
        return "".join(s.output for s in self.sentences if s.output)

    @property
    def cited(self) -> list[int]:
        """Passage numbers the verified text cites, in order of first use."""
        out: list[int] = []
        for s in self.sentences:
            for n in cited_numbers(s.output):
                if n not in out:
                    out.append(n)
        return out

    def record(self) -> dict[str, Any]:
        """A JSON-ready record (for Answer.generation)."""
        return {"fallback": self.fallback, **self.counts, "sentences": [asdict(s) for s in self.sentences]}


def _with_stop(sentence: str, cites: list[int]) -> str:
    """The sentence ending in a full stop followed by its markers: ``……。[1]``."""
    bare = strip_marks(sentence)
    if not re.search(r"[。!?\uff01\uff1f;；]$", bare):
        bare += "。"
    return bare + "".join(f"[{n}]" for n in cites)


def passage_text(c: Citation, max_chars: int = 0) -> str:
    """What the prompt shows of a citation and the verifier checks against: its clause (or span)."""
    body = (c.context or c.text).replace("\n", "")
    if max_chars and len(body) > max_chars:
        i = body.find(c.text)
        if i < 0:
            return c.text
        extra = max(0, (max_chars - len(c.text)) // 2)
        start = max(0, i - extra)
        body = body[start : start + max(max_chars, len(c.text))]
    return body


def passage_header(c: Citation) -> str:
    """Title, region and article of a citation, as the prompt shows them."""
    return f"《{c.title}》({c.region}){c.article}"


def quoted_share(sentence: str, source: str) -> float:
    """Share of the sentence's CJK/alphanumeric character bigrams that occur in ``source``."""
    text = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", sentence)
    src = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", source)
    grams = [text[i : i + 2] for i in range(len(text) - 1)]
    if not grams:
        return 0.0
    return sum(1 for g in grams if g in src) / len(grams)


MEMO_LIMIT = 4096  # vectors a Verifier keeps (about 6 MB at 384 dimensions)


class Verifier:
    """Checks generated sentences against numbered passages (see the module docstring)."""

    def __init__(self, lex: Lexicon, benefit_names: Sequence[str] = (), settings: VerifySettings | None = None,
                 embedder: Any = None, passage_chars: int = 0):
        """``embedder``: an :class:`advisor.retrieval.embed.Embedder` (default: loaded on first use)."""
        self.lex = lex
        self.benefit_names = list(benefit_names)
        self.settings = settings or VerifySettings.from_env()
        self._embedder = embedder
        self.passage_chars = passage_chars
        self._vectors: dict[str, np.ndarray] = {}  # texts embedded already: streaming re-checks the answer so far

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Vectors of `texts`, embedding only those not seen before (the cited passages' sentences and the
        answer's earlier sentences come back at every re-check while an answer streams)."""
        new = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if len(self._vectors) + len(new) > MEMO_LIMIT:
            self._vectors.clear()
        if new:
            self._vectors.update(zip(new, self.embedder.embed_documents(new), strict=True))
        return np.stack([self._vectors[t] for t in texts])

    @property
    def embedder(self) -> Any:
        """The e5 embedder (process-wide)."""
        if self._embedder is None:
            from advisor.retrieval.embed import get_embedder

            self._embedder = get_embedder()
        return self._embedder

    def _hard_facts(self, bare: str, cited: list[Citation], profile_text: str, allowed_regions: list[str]) -> str:
        """Reason (Chinese) the sentence's hard facts are not in the cited passages, or ""."""
        source = "".join(passage_header(c) + passage_text(c, self.passage_chars) for c in cited)
        compact = re.sub(r"\s+", "", source)
        bare_c = re.sub(r"\s+", "", bare)
        if nums := unsupported_numbers(bare_c, compact):  # not the profile's: "年满82岁的老人可以…" misleads
            return VERIFY["numbers"].format(items="、".join(nums))
        if names := unsupported_benefits(bare_c, compact, self.benefit_names):
            return VERIFY["benefits"].format(items="、".join(names))
        if offices := unsupported_offices(bare_c, compact + profile_text):
            return VERIFY["offices"].format(items="、".join(offices))
        regions = [r for c in cited for r in (c.region, *self.lex.chain(c.region))] + allowed_regions
        if places := unsupported_regions(bare_c, compact, regions, self.lex):
            return VERIFY["regions"].format(items="、".join(places))
        return ""

    def check(self, generated: str, citations: Sequence[Citation], profile_text: str = "",
              profile_regions: Sequence[str] = ()) -> Verification:
        """Check every sentence of ``generated`` against ``citations`` (numbered by ``Citation.n``).
        ``profile_text``/``profile_regions``: what the prompt told about the elder (allowed as facts)."""
        by_n = {c.n: c for c in citations}
        out = Verification()
        pending: list[tuple[SentenceCheck, list[Citation], str]] = []
        for sent in split_generated(generated):
            cites = cited_numbers(sent)
            chk = SentenceCheck(text=sent, cites=cites)
            out.sentences.append(chk)
            bare = strip_marks(sent)
            if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", bare):
                chk.status, chk.reason = "removed", VERIFY["empty"]
                continue
            if not cites:
                chk.status, chk.reason = "removed", VERIFY["uncited"]
                continue
            if any(n not in by_n for n in cites):
                chk.status, chk.reason = "removed", VERIFY["bad_number"]
                continue
            cited = [by_n[n] for n in cites]
            if reason := self._hard_facts(bare, cited, profile_text, list(profile_regions)):
                chk.status, chk.reason = "replaced", reason
                continue
            pending.append((chk, cited, bare))
        self._semantic(pending)
        used: set[str] = set()
        for chk in out.sentences:
            if chk.status == "kept":
                chk.output = _with_stop(chk.text, chk.cites)
            elif chk.status == "replaced" and chk.cites:
                c = by_n[chk.cites[0]]
                span = c.text.strip()
                if span in used:
                    chk.status, chk.output = "removed", ""
                else:
                    used.add(span)
                    chk.output = GENERATED_QUOTE.format(span=re.sub(r"[。;；]+$", "", span), n=c.n)
        out.fallback = out.unsupported_share > self.settings.max_unsupported or not any(
            s.output for s in out.sentences)
        return out

    def _semantic(self, pending: list[tuple[SentenceCheck, list[Citation], str]]) -> None:
        """Cosine of each pending sentence to the closest sentence of its cited passages."""
        if not pending:
            return
        from advisor.ingest.chunking import split_sentences

        texts = [bare for _, _, bare in pending]
        groups: list[list[str]] = []
        for _, cited, _ in pending:
            sents: list[str] = []
            for c in cited:
                body = passage_text(c, self.passage_chars)
                sents += [s for s in split_sentences(body) if len(s) >= 4] or [body]
                sents.append(c.text)
            groups.append(sents)
        flat = [s for g in groups for s in g]
        vecs = self._embed(texts + flat)
        q, p = vecs[: len(texts)], vecs[len(texts) :]
        pos = 0
        for i, ((chk, cited, bare), g) in enumerate(zip(pending, groups, strict=True)):
            sims = p[pos : pos + len(g)] @ q[i]
            pos += len(g)
            chk.cosine = round(float(np.max(sims)), 4)
            source = "".join(passage_header(c) + passage_text(c, self.passage_chars) for c in cited)
            if chk.cosine < self.settings.min_cosine and quoted_share(bare, source) < self.settings.min_quoted:
                chk.status, chk.reason = "replaced", VERIFY["meaning"].format(cosine=chk.cosine)


__all__ = [
    "SentenceCheck",
    "Verification",
    "Verifier",
    "VerifySettings",
    "cited_numbers",
    "load_benefit_names",
    "number_facts",
    "split_generated",
    "strip_marks",
    "unsupported_benefits",
    "unsupported_numbers",
]
