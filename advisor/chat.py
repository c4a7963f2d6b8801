"""The chat core shared by the CLI and the web page: an Advisor (index + models) and Conversations
(history and the elder's profile), with follow-up questions rewritten into self-contained ones."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.answer import compose
from advisor.eligibility import RuleError, answer_eligibility, is_eligibility_question, load_rules, screen
from advisor.lexicon import Lexicon
from advisor.message import Message, read_message
from advisor.profile import Profile, extract_profile
from advisor.providers import Directory, answer_providers, is_provider_question
from advisor.query import analyze, asks_own, looks_like_follow_up, topic_of
from advisor.retrieve import Retriever, corpus_terms, tokenize
from advisor.schema import Answer
from advisor.settings import Settings
from advisor.spelling import SoundAlike
from advisor.templates import (
    EMERGENCY,
    EMERGENCY_THEN_POLICY,
    EMPTY_MESSAGE,
    LONG_MESSAGE_CUT,
    LONG_MESSAGE_QUESTION,
    MEDICATION_DECLINED,
    NOTHING_NEW,
    READ_AS,
    SMALL_TALK,
    WHAT_I_CAN_DO,
)

log = logging.getLogger(__name__)
_GENERIC = {
    "养老",
    "老人",
    "老年人",
    "服务",
    "政策",
    "规定",
    "国家",
    "我妈",
    "我爸",
    "妈妈",
    "爸爸",
    "老伴",
    "奶奶",
    "爷爷",
}


class Advisor:
    """Everything that is loaded once per process: settings, word lists, the index and the model."""

    def __init__(self, settings: Settings | None = None, retriever: Retriever | None = None):
        self.settings = settings or Settings.from_env()
        self.retriever = retriever or Retriever(self.settings)
        try:
            self.rules = load_rules(self.settings.corpus_dir / "rules")
        except RuleError as e:  # a broken rules file must not take the advisor down
            log.error("eligibility rules not loaded: %s", e)
            self.rules = []
        self.directory = Directory(self.settings.corpus_dir / "providers")
        self._spelling: tuple[str | None, SoundAlike] | None = None

    @property
    def lex(self) -> Lexicon:
        """The word lists."""
        return self.retriever.lex

    @property
    def spelling(self) -> SoundAlike:
        """Sound-alike typo correction against this index version's words and the lexicon (built on first
        use, again after a reload)."""
        version = self.retriever.version
        if self._spelling is None or self._spelling[0] != version:
            lex = self.lex
            # the vocabulary typos are read as: the words families and documents use for elder care (the
            # lexicon, and the policy terms taught to jieba), not every word of the documents (我是 ≠ 我市)
            family = [*lex.synonyms, *(w for ws in lex.synonyms.values() for w in ws), *lex.topic_terms]
            terms = corpus_terms((c.text for c in self.retriever.chunks), lex)
            words = [(w, 2.0) for w in family] + [(w, 1.0) for w in terms]
            places = [a for a, _region in lex.alias_index] + list(self.retriever.df)
            self._spelling = (version, SoundAlike(words, places))  # words of the documents stay as typed
        return self._spelling[1]

    def conversation(self, profile: Profile | None = None) -> Conversation:
        """A fresh conversation."""
        return Conversation(self, profile or Profile())

    def jurisdiction(self, region: str) -> tuple[list[str], str]:
        """(the region chain to rank first, the region name if the corpus has no document for it)."""
        if not region:
            return [], ""
        chain = self.lex.chain(region)
        # places inside it that have documents (四川省 → 四川省成都市): the province is not "without documents"
        inside = sorted(r for r in self.retriever.regions if r != region and r.startswith(region))
        if inside or any(r in self.retriever.regions for r in chain):
            return chain + [r for r in inside if r not in chain], ""
        return chain, region

    def local_missing(self, region: str) -> str:
        """The place's own name when it has no document but a place above it has (济南市 under 山东省)."""
        if not region or region in self.retriever.regions:
            return ""
        chain = self.lex.chain(region)
        if not any(r in self.retriever.regions for r in chain[1:]):
            return ""
        parent = self.lex.regions[region].parent if region in self.lex.regions else ""
        return region[len(parent):] if parent and region.startswith(parent) else region

    def entitlements(self, question: str, profile: Profile, mode: str = "hybrid") -> Answer:
        """"What can she get?": the eligibility engine over the rules, for this profile (no model involved);
        the retrieved clauses are attached too, for the sources view and for evaluation."""
        ans = answer_eligibility(profile, screen(profile, self.rules), brief=True)
        q = analyze(question, self.lex)
        chain, _ = self.jurisdiction(profile.region)
        ans.retrieved = self.retriever.search(q.search, chain, mode=mode)
        ans.query = q.search
        return ans

    def answer(self, question: str, profile: Profile, mode: str = "hybrid", focus: str = "") -> Answer:
        """Answer one self-contained question for an elder with this profile (`focus`: the latest
        message when `question` was rewritten from a follow-up)."""
        if self.settings.providers and is_provider_question(focus or question):
            ans = answer_providers(focus or question, profile, self.directory)
            ans.retrieved = self.retriever.search(analyze(question, self.lex).search, [], mode=mode)
            return ans
        known = profile.region or profile.age or profile.disability or any(profile.flags.values())
        context = question + (" 老人" if known else "")  # the conversation already knows the elder
        if self.settings.eligibility and self.rules and is_eligibility_question(focus or question, context):
            return self.entitlements(question, profile, mode)
        q = analyze(question, self.lex, focus)
        if q.regions and len(q.regions) == 1 and profile.region.startswith(q.regions[0]):
            chain, unknown = self.jurisdiction(profile.region)  # "四川省本级…" asked from 成都: 成都 first
        elif q.regions:
            chain, unknown = self.jurisdiction(q.regions[0])
            for extra in q.regions[1:]:  # a comparison: every named place ranks first
                chain += [r for r in self.jurisdiction(extra)[0] if r not in chain]
        elif q.national:
            chain, unknown = ["全国"], ""
        else:
            chain, unknown = self.jurisdiction(profile.region)
        named = self.retriever.named(q.names_in, q.named_kinds)
        hits = self.retriever.search(q.search, chain, mode=mode, named=named)
        # BM25-only stays free of the model (it is the baseline `advisor eval --compare` measures)
        qv = self.retriever.query_vector(q.search) if mode != "bm25" else None
        asked = q.regions[0] if q.regions else "" if q.national else profile.region
        missing = self.local_missing(asked) if len(q.regions) <= 1 else ""
        if unknown and not q.regions:
            # the elder lives where the corpus has no document, and the question is not about that place's
            # own rules: national documents apply everywhere, and the answer says it answers from them
            hits, missing, unknown = [h for h in hits if h.chunk.region == "全国"], unknown, ""
        return compose(
            q, hits, self.retriever, chain, unknown, self.settings.refuse_below, self.settings.max_points, qv,
            local_missing=missing, named=named,
        )


def content_terms(text: str) -> list[str]:
    """Words of a message that carry a topic (not function words, not who/where)."""
    return [t for t in tokenize(text) if len(t) >= 2 and t not in _GENERIC]


@dataclass
class Turn:
    """One exchange."""

    message: str
    query: str
    answer: Answer


@dataclass
class Conversation:
    """A conversation: history, the elder's profile, and follow-up rewriting."""

    advisor: Advisor
    profile: Profile = field(default_factory=Profile)
    turns: list[Turn] = field(default_factory=list)
    mode: str = "hybrid"
    answer_mode: str = ""  # extractive / generative; "" = ADVISOR_ANSWER (advisor.generate)

    @property
    def generative(self) -> bool:
        """Whether policy answers are rewritten by a language model (and then verified)."""
        from advisor.generate import default_mode

        return (self.answer_mode or default_mode()) == "generative"

    def rewrite(self, message: str) -> str:
        """Make a follow-up self-contained: "那新疆呢?" after a question on 养老机构分类 becomes that
        question about 新疆. The last self-contained query supplies the topic."""
        if not self.turns:
            return message
        terms = [t for t in content_terms(message) if not analyze(t, self.advisor.lex).regions]
        if not looks_like_follow_up(message, len(terms)):
            return message
        prev = self.turns[-1].query
        if asks_own(message):  # "要什么材料?" after "…怎么申请?": the topic carries on, the earlier ask does not
            prev = topic_of(prev)
        prev_regions = analyze(prev, self.advisor.lex).regions
        if analyze(message, self.advisor.lex).regions:  # a new place replaces the old one
            for r in [*prev_regions, "全国"]:
                for alias in sorted((r, *self.advisor.lex.regions[r].aliases), key=len, reverse=True):
                    prev = prev.replace(alias, "")
        return f"{re.sub(r'[??。]+$', '', message)} {prev}".strip()

    def ask(self, message: str, on_text: Callable[[str], None] | None = None) -> Answer:
        """Answer a user message in the context of this conversation (`on_text`: the generative mode's
        verified text so far, as the model writes it)."""
        t0 = time.perf_counter()
        message = (message or "").strip()
        if not message or not any(ch.isalnum() for ch in message):
            ans = Answer(text=EMPTY_MESSAGE, refused=True, kind="empty")
            ans.latency_ms = (time.perf_counter() - t0) * 1000
            return ans
        # full-width forms as half-width (？→?, ８２→82): the question-reading patterns are written for these
        text, fixes = self.advisor.spelling.correct(unicodedata.normalize("NFKC", message))
        if fixes:
            log.info("read by sound: %s", ", ".join(f"{f.typed}->{f.meant}" for f in fixes))
        msg = read_message(text)
        if msg.cut:
            log.info("message of %d characters read up to %d", msg.length, len(msg.story))
        self.profile.update(extract_profile(msg.story, self.advisor.lex))
        query = msg.question
        if msg.small_talk:
            ans = Answer(text=f"{SMALL_TALK[msg.small_talk]}\n{WHAT_I_CAN_DO}", refused=True, kind="small_talk")
        elif msg.medication:  # never routed to a policy answer, whatever region the conversation has
            alarm = EMERGENCY.get(msg.emergency, "")
            ans = Answer(text="\n".join(x for x in (alarm, MEDICATION_DECLINED) if x), refused=True, kind="medical")
        else:
            query = self.rewrite(msg.question)
            ans = self.advisor.answer(query, self.profile, self.mode,
                                      focus=msg.question if query != msg.question else "")
            if self.generative:
                from advisor.generate import rewrite

                ans = rewrite(self.advisor, query, self.profile, ans, on_text=on_text)
            if self.turns and _repeats(ans, self.turns[-1], msg.question, self.advisor.lex):
                # the earlier topic drowned the new one ("那要住公办养老院…" after 无障碍改造): the message alone
                alone = self.advisor.answer(msg.question, self.profile, self.mode)
                ans = alone if not _repeats(alone, self.turns[-1], msg.question, self.advisor.lex) \
                    else _nothing_new(ans, msg.question)
            ans = _with_emergency(ans, msg)
        ans = _with_reading_note(ans, msg)
        if fixes and not msg.small_talk:
            ans.text = f"{READ_AS.format(words='、'.join(f'“{f.typed}”为“{f.meant}”' for f in fixes))}\n{ans.text}"
        ans.latency_ms = (time.perf_counter() - t0) * 1000
        self.turns.append(Turn(msg.question, query, ans))
        return ans


def _with_emergency(ans: Answer, msg: Message) -> Answer:
    """An emergency's first line is the number to call; the policy answer follows only if there is one."""
    if not msg.emergency:
        return ans
    alarm = EMERGENCY[msg.emergency]
    ans.text = alarm if ans.refused else f"{alarm}\n{EMERGENCY_THEN_POLICY}\n{ans.text}"
    ans.kind = "emergency"
    return ans


def _with_reading_note(ans: Answer, msg: Message) -> Answer:
    """Say which part of a long message was answered (and that a very long one was cut)."""
    if msg.cut:
        note = LONG_MESSAGE_CUT.format(length=msg.length, limit=len(msg.story), question=msg.question)
    elif msg.focused:
        note = LONG_MESSAGE_QUESTION.format(question=msg.question)
    else:
        return ans
    ans.text = f"{note}\n{ans.text}"
    return ans


def _repeats(ans: Answer, last: Turn, question: str, lex: Lexicon) -> bool:
    """Whether a follow-up's answer gives the very clause just given as 结论 although that clause says nothing
    about what the follow-up names (the same clause may well answer a second question: "其中护理型床位呢?")."""
    before = last.answer
    if ans.refused or before.refused or not ans.citations or not before.citations or question == last.message:
        return False
    first, earlier = ans.citations[0], before.citations[0]
    if (first.doc, first.text) != (earlier.doc, earlier.text):
        return False
    words = [t for t in content_terms(question) if not analyze(t, lex).regions]
    said = first.text
    return not any(w in said or any(x in said for x in lex.synonyms.get(w, ())) for w in words)


def _nothing_new(ans: Answer, question: str) -> Answer:
    """The documents say no more than the clause just given: say so, with that clause."""
    first = ans.citations[0]
    ans.text = NOTHING_NEW.format(question=question, span=first.text, where=f"《{first.title}》{first.article}")
    ans.citations = [first]
    ans.refused, ans.kind = True, "refusal"
    return ans
