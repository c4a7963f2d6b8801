"""Typed records passed between the pipeline stages (ingest → index → retrieve → answer)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Document:
    """One policy document after cleaning (a bundle file may yield several)."""

    doc_id: str  # unique id: source file name, plus "#n" for the n-th part of a bundle
    source: str  # file name under corpus/policies/ — the id test sets cite
    text: str  # cleaned text (display form)
    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    level: str = ""  # national / province / city / county / template / unknown
    region: str = ""  # 全国, 广东省清远市, ...
    publish_date: str = ""  # ISO date, "" if unknown
    effective_date: str = ""
    expiry_date: str = ""
    kind: str = ""  # 法律 / 行政法规 / 地方性法规 / 规章 / 规范性文件 / 政策解读 / 新闻报道 (metadata.KINDS)
    adopted_date: str = ""  # 通过 / 批准 / 公布 (the first such header line)
    amended_date: str = ""  # the latest 修正 / 修订 header line
    also_in: list[str] = field(default_factory=list)  # other sources repeating this text
    superseded_by: str = ""  # "title (date)" of a newer version of this document, if any

    @property
    def version_date(self) -> str:
        """The date that orders versions of one document: a law's latest amendment or its adoption, else
        the date it takes effect, else its publication."""
        return self.amended_date or self.adopted_date or self.effective_date or self.publish_date

    def meta(self) -> dict[str, Any]:
        """Metadata without the text."""
        d = asdict(self)
        d.pop("text")
        return d


@dataclass
class Chunk:
    """A clause (or part of one) of a document, the unit that is embedded and cited."""

    chunk_id: str
    doc_id: str
    source: str
    text: str
    heading_path: str = ""  # "二、重点任务 > (六)提升公办养老机构保障能力 > 11."
    article: str = ""  # human label, e.g. 第(六)条第11项
    start: int = 0  # char offsets in the cleaned document text
    end: int = 0
    title: str = ""
    region: str = ""
    level: str = ""
    doc_number: str = ""
    issuer: str = ""
    publish_date: str = ""
    effective_date: str = ""
    expiry_date: str = ""
    kind: str = ""
    also_in: list[str] = field(default_factory=list)
    superseded_by: str = ""

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for a vector store (lists joined, no None)."""
        d = asdict(self)
        d.pop("text")
        d["also_in"] = ",".join(self.also_in)
        return d


@dataclass
class Hit:
    """A retrieved chunk with its fused score and per-retriever ranks."""

    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


@dataclass
class Citation:
    """A passage an answer cites: enough to show and to verify against the source."""

    n: int
    doc: str  # source file name
    title: str
    region: str
    article: str
    date: str
    validity: str
    text: str  # the cited span, verbatim from the cleaned document
    context: str = ""  # the whole clause the span sits in
    kind: str = ""  # kind of document (法律, 地方性法规, 政策解读, 新闻报道, …): binding rule or not
    doc_number: str = ""  # the document's 文号 (成办发〔2022〕28号), how a family or an office finds it
    issuer: str = ""  # who issued it (发文机关), so a family knows whom the rule comes from

    def to_eval(self) -> dict[str, Any]:
        """The shape `advisor eval` writes."""
        return {
            "doc": self.doc,
            "title": self.title,
            "region": self.region,
            "article": self.article,
            "kind": self.kind,
            "text": self.text,
        }


@dataclass
class Point:
    """A quoted line of evidence under 依据: where it is written, what it says, its citation number."""

    source: str  # "《title》第X条" as shown to the user
    text: str  # the quoted span
    n: int  # its citation number
    label: str = ""  # a fact about a document (施行, 文号): what the span states


@dataclass
class Section:
    """A block of a checklist or a provider list: an optional heading and its lines, set off by a blank line."""

    heading: str = ""
    lines: list[str] = field(default_factory=list)


@dataclass
class AnswerDraft:
    """What an answer says, as data, before it is written out (``advisor.answer.render``). Every path
    (policy, document facts, refusals, checklists, providers, the generative rewrite, the conversation's
    notes) fills one; the web page, the CLI, the export and eval all read the one rendering of it."""

    kind: str = "policy"  # policy / refusal / document / eligibility / providers / small_talk / medical / ...
    refusal: str = ""  # why nothing is concluded (a key of templates.REFUSALS' kinds); "" when answered
    preface: list[str] = field(default_factory=list)  # what the conversation says first (an alarm, a reading note)
    lead: list[str] = field(default_factory=list)  # the answer's own opening lines (no documents of the place)
    conclusion: str = ""  # the 结论 (answered) or the reason nothing is concluded (refused)
    items: list[str] = field(default_factory=list)  # the items of a list the conclusion quotes
    covered: str = ""  # refusals: what the documents cover
    related: str = ""  # refusals: the closest clause, or what it speaks of instead
    advice: str = ""  # refusals: whom to ask
    caveats: list[str] = field(default_factory=list)  # 注意 on the conclusion (another version of the document)
    sections: list[Section] = field(default_factory=list)  # checklists and provider lists
    points: list[Point] = field(default_factory=list)  # 依据
    notes: list[str] = field(default_factory=list)  # 注意 on the evidence (another region's rules, newer versions)
    next_steps: list[str] = field(default_factory=list)  # 下一步
    closing: list[str] = field(default_factory=list)  # the closing notice
    appendix: list[str] = field(default_factory=list)  # what the conversation adds last (a degraded search)


@dataclass
class Answer:
    """What the advisor returns for one user turn."""

    text: str  # the full text shown to the user
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[Hit] = field(default_factory=list)
    query: str = ""  # the self-contained query actually searched
    region: str = ""  # jurisdiction the answer was scoped to
    kind: str = "policy"  # policy / refusal / eligibility / ...
    latency_ms: float = 0.0
    # generative mode only (advisor.answer.generate): backend, status (ok/fallback/timeout/error/unavailable) and the
    # verifier's per-sentence record; None for extractive answers
    generation: dict[str, Any] | None = None
    draft: AnswerDraft | None = None  # what `text` was rendered from (None for answers kept by a browser)

    def to_dict(self) -> dict[str, Any]:
        """What a browser keeps of an answer to show it again after a reload (no retrieved passages)."""
        return {"text": self.text, "refused": self.refused, "query": self.query, "region": self.region,
                "kind": self.kind, "citations": [asdict(c) for c in self.citations]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The answer `to_dict` kept; unknown keys are ignored, so an older browser copy still loads."""
        names = {f.name for f in fields(Citation)}
        cits = []
        for c in data.get("citations") or []:
            try:  # a citation missing a field it needs is left out, not guessed
                cits.append(Citation(**{k: v for k, v in c.items() if k in names}))
            except (TypeError, AttributeError):
                continue
        return cls(text=str(data.get("text", "")), refused=bool(data.get("refused")), citations=cits,
                   query=str(data.get("query", "")), region=str(data.get("region", "")),
                   kind=str(data.get("kind", "policy")))


def chunk_from_meta(chunk_id: str, text: str, meta: dict[str, Any] | None) -> Chunk:
    """A Chunk from its stored form (flat metadata as written by `Chunk.metadata()`)."""
    m = dict(meta or {})
    also = [x for x in str(m.pop("also_in", "")).split(",") if x]
    fields = {k: v for k, v in m.items() if k in Chunk.__dataclass_fields__ and k not in ("chunk_id", "text")}
    return Chunk(chunk_id=chunk_id, text=text, also_in=also, **fields)


def same_text(a: str, b: str | None) -> bool:
    """Whether two answers read the same, whitespace aside (a follow-up must never get the last one again)."""
    return b is not None and bool("".join(a.split())) and "".join(a.split()) == "".join(b.split())
