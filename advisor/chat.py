"""The chat core shared by the CLI and the web page: an Advisor (index + models) and Conversations
(history and the elder's profile); each message is understood once (advisor.answer.understand)
and answered along its route."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

from advisor.answer.agebands import band_width, holds_age
from advisor.answer.compose import (
    ANSWER_HOLDS,
    DATE,
    best_span,
    compose,
    facts_asked,
    states_period,
    term_weights,
)
from advisor.answer.groups import group_of
from advisor.answer.message import Message
from advisor.answer.prefer import preference
from advisor.answer.query import (
    CONNECTIVE,
    COUNT_WORD,
    PER_TIME,
    Query,
    asked_about,
    asks_how_long,
    asks_when,
    expand_synonyms,
    questions_in,
    wants_of,
)
from advisor.answer.render import draft_of, plain, redraw, renumber
from advisor.answer.spelling import SoundAlike
from advisor.answer.templates import (
    ALSO_NOT_STATED,
    CHECKLIST_LEVELS,
    EMERGENCY,
    EMERGENCY_THEN_POLICY,
    EMPTY_MESSAGE,
    LOCAL_CLAUSE,
    LOCAL_MISSING,
    LONG_MESSAGE_CUT,
    LONG_MESSAGE_QUESTION,
    MEDICATION_DECLINED,
    NATIONAL_LEVEL,
    NOTHING_NEW,
    READ_AS,
    READ_AS_WORD,
    REFUSAL_ADVICE,
    SAME_CLAUSE,
    SMALL_TALK,
    STORE_DOWN,
    WHAT_I_CAN_DO,
)
from advisor.answer.understand import BENEFIT_WORDS, Understanding, topic_words, understand
from advisor.index.lexical import function_word, known_word, tokenize
from advisor.ingest.chunking import TABLE_MARK, chunk_sentences
from advisor.lexicon import Lexicon
from advisor.profile import Profile, extract_age, extract_profile
from advisor.retrieval.retriever import Retriever
from advisor.schema import Answer, AnswerDraft, Chunk, same_text
from advisor.services.eligibility import (
    NOT_MET,
    RuleError,
    answer_eligibility,
    documents_of,
    load_rules,
    load_rules_lenient,
    screen,
)
from advisor.services.providers import Directory, answer_providers
from advisor.settings import Settings

log = logging.getLogger(__name__)
OFF_TOPIC = ("small_talk", "medical", "empty")  # kinds of answer whose turn gives a follow-up no topic


# a question about money, and the benefits that are money (补贴, 津贴, 救助金, fees waived …), as the rules name them
ASKS_MONEY = re.compile(r"补贴|津贴|补助|救助金|资助|钱|发多少|领多少")
MONEY_BENEFIT = re.compile(r"补贴|津贴|补助|救助金|生活救助|资助|减免|免收|优待金|护理费|保险金|发放")


class Advisor:
    """Everything that is loaded once per process: settings, word lists, the index and the model."""

    def __init__(self, settings: Settings | None = None, retriever: Retriever | None = None):
        self.settings = settings or Settings.from_env()
        self.retriever = retriever or Retriever(self.settings)
        try:
            # every quote verbatim in its indexed document, every article label one of its labels
            rules_dir = self.settings.corpus_dir / "rules"
            # each file checked against the indexed documents; one that fails is refused alone (logged)
            self.rules = load_rules_lenient(rules_dir, documents_of(self.retriever.chunks)) \
                if self.retriever.state is not None else load_rules(rules_dir)
        except RuleError as e:  # a broken rules file must not take the advisor down
            log.error("eligibility rules not loaded: %s", e)
            self.rules = []
        # each document's kind (法律, 规范性文件…), for the checklist's citations: read once, not per answer
        indexed = self.retriever.chunks if self.retriever.state is not None else []
        self.doc_kinds = {c.source: c.kind for c in indexed}
        self.directory = Directory(self.settings.corpus_dir / "providers")
        self._spelling: tuple[str | None, SoundAlike] | None = None
        _ = self.spelling  # built at start (a few hundred ms), not inside the first user's answer
        function_word("的")  # jieba's part-of-speech table too (~0.3 s to load)

    @property
    def lex(self) -> Lexicon:
        """The word lists."""
        return self.retriever.lex

    @property
    def spelling(self) -> SoundAlike:
        """Sound-alike typo correction against this index version's words and the lexicon (built at start,
        again after a reload)."""
        version = self.retriever.version
        if self._spelling is None or self._spelling[0] != version:
            lex = self.lex
            # the vocabulary typos are read as: the words families and documents use for elder care (the
            # lexicon, and the policy terms taught to jieba), not every word of the documents (我是 ≠ 我市)
            family = [*lex.synonyms, *(w for ws in lex.synonyms.values() for w in ws), *lex.topic_terms]
            # …and the places the documents are of (梅洲 → 梅州): a typo of one would lose the asker's region
            covered = set(self.retriever.regions)
            places = [(a, 1.5) for a, region in lex.alias_index if region in covered and len(a) >= 2]
            words = [(w, 2.0) for w in family] + places + [(w, 1.0) for w in self.retriever.terms]
            known = [a for a, _region in lex.alias_index] + list(self.retriever.df)  # place names, the documents'
            self._spelling = (version, SoundAlike(words, known))  # words: both stay as typed
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

    def entitlements(self, q: Query, profile: Profile, mode: str = "hybrid") -> Answer:
        """"What can she get?": the eligibility engine over the rules, for this profile (no model involved);
        the retrieved clauses are attached too, for the sources view and for evaluation."""
        outcomes = screen(profile, self.rules)
        if ASKS_MONEY.search(q.focus or q.text):  # "有什么补贴?": the money among them, not the whole list again
            money = [o for o in outcomes if MONEY_BENEFIT.search(o.rule.name)]
            if any(o.status != NOT_MET and not o.general for o in money):
                outcomes = money
        # within each place (own region first, as screened): what the family said (the elder's facts too),
        # and money before services (津贴, 补贴)
        words = [w for w in topic_words(q.focus or q.text, self.lex) if w not in BENEFIT_WORDS] + ["津贴", "补贴"]
        rank = {r: i for i, r in enumerate(dict.fromkeys(o.rule.region for o in outcomes))}
        outcomes.sort(key=lambda o: (rank[o.rule.region],
                                     -sum(w in o.rule.name + o.rule.benefit for w in words)))
        ans = answer_eligibility(profile, outcomes, brief=True)
        for c in ans.citations:  # rules do not carry their document's kind; the index does
            c.kind = c.kind or self.doc_kinds.get(c.doc, "")
        chain, _ = self.jurisdiction(profile.region)
        used = {o.rule.region for o in outcomes}
        if profile.region and not any(r in used for r in chain):  # 北京朝阳区: no rule of 北京 is written yet
            levels = "、".join(NATIONAL_LEVEL if r == "全国" else r for r in sorted(used, key=lambda r: r != "全国"))
            note = CHECKLIST_LEVELS.format(region=profile.region, levels=levels or NATIONAL_LEVEL)
            draft_of(ans).preface[:0] = [x for x in (note, self.local_clause(q, profile, chain, mode, ans)) if x]
        elif missing := self.local_missing(profile.region):  # 济南: 山东省's and national rules, said first
            levels = [r for r in chain if r in used and r != "全国"] + [NATIONAL_LEVEL]
            draft_of(ans).preface.insert(0, LOCAL_MISSING.format(place=missing, levels='、'.join(levels)))
        redraw(ans)
        ans.retrieved = self.retriever.search(q.search, chain, mode=mode)
        ans.query = q.search
        return ans

    def local_clause(self, q: Query, profile: Profile, chain: list[str], mode: str, checklist: Answer) -> str:
        """The clause of the elder's own place that best answers `q`, when its documents have one (the rules
        of the checklist may not cover them yet), as the line to show first; it becomes citation [1] and the
        checklist's citations move down by one. "" when the place's documents do not answer it."""
        local = self.answer_policy(q, profile, mode)
        first = local.citations[0] if local.citations and not local.refused else None
        if first is None or first.region == "全国" or first.region not in chain:
            return ""
        renumber(draft_of(checklist), 1)
        for c in checklist.citations:
            c.n += 1
        checklist.citations.insert(0, replace(first, n=1))
        return LOCAL_CLAUSE.format(region=first.region, title=first.title, article=first.article, text=first.text)

    def understand(self, message: str, profile: Profile, last: Turn | None = None) -> Understanding:
        """`message` (stripped, NFKC) understood in a conversation whose profile and last turn are these."""
        return understand(message, self.lex, self.spelling, profile, last.query if last else "",
                          eligibility=self.settings.eligibility and bool(self.rules),
                          providers=self.settings.providers)

    def answer(self, u: Understanding, mode: str = "hybrid") -> Answer:
        """Answer one understood message along its route (the message's own flags, such as an emergency, are
        the conversation's to add)."""
        msg, profile = u.message, u.profile
        if u.route == "small_talk":
            return plain(f"{SMALL_TALK[msg.small_talk]}\n{WHAT_I_CAN_DO}", "small_talk")
        if u.route == "medical":  # never a policy answer, whatever region the conversation has
            alarm = EMERGENCY.get(msg.emergency, "")
            return plain("\n".join(x for x in (alarm, MEDICATION_DECLINED) if x), "medical")
        if u.route == "providers":
            ans = answer_providers(u.focus or u.query, profile, self.directory,
                                   policies_dir=self.settings.policies_dir)
            try:  # the passages only inform the staff panel: a store outage must not cost the answer
                ans.retrieved = self.retriever.search(u.asked.search, [], mode=mode)
            except Exception:
                log.warning("retrieval for the staff panel failed", exc_info=True)
            words = [t for t in tokenize(u.asked.text) if len(t) >= 2 and t not in _ANY_PROVIDER] if ans.refused else []
            if words and any(_lists_asked(h.chunk, words) for h in ans.retrieved[:LIST_HITS]):
                # "马迹塘那边哪几家养老院收瘫在床上的": the directory does not know the place, but a document in the
                # corpus lists the institutions (a county's 名单 as a table): the documents answer
                listed = self.answer_policy(u.asked, profile, mode)
                if not listed.refused:
                    return listed
            return ans
        if u.route == "eligibility":
            return self.entitlements(u.asked, profile, mode)
        self.retriever.dense_failed = False
        ans = self.answer_policy(u.asked, profile, mode)
        if self.retriever.dense_failed or (self.retriever.store_down and self.retriever.state.vectors is None):
            draft_of(ans).appendix.append(STORE_DOWN)  # keywords alone answered: said, not hidden
            redraw(ans)
        return ans

    def answer_policy(self, q: Query, profile: Profile, mode: str = "hybrid") -> Answer:
        """Answer what is asked from the documents, for an elder with this profile."""
        with_documents = [r for r in q.regions if not self.jurisdiction(r)[1]]
        if len(q.regions) > 1 and with_documents and len(with_documents) < len(q.regions):
            if q.compares:  # "黄石港区的标准跟下陆区一样吗": one side has no rules of its own to compare
                q = replace(q, regions=[next(r for r in q.regions if r not in with_documents)])
            else:  # "户口在河南,现在在杭州常住": the places the corpus has documents for answer, not a refusal
                q = replace(q, regions=with_documents)
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
        hits = self.retriever.search(q.search, chain, mode=mode, named=named,
                                     prefer=preference(profile.age, self.settings, penalty=q.wants == "penalty",
                                                       facts=facts_asked(q.text) if q.wants == "meta" else None))
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
            local_missing=missing, named=named, age=profile.age, elder_group=group_of(profile.flags),
        )


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
    answer_mode: str = ""  # extractive / generative; "" = ADVISOR_ANSWER (advisor.answer.generate)

    def locate(self, place: str) -> None:
        """The asker is in `place`, as a staff desk or a set's item says it ("修水县渣津镇", "茂名市"): the profile's
        region, when the lexicon knows the place; a question naming another place still asks about that one."""
        if region := extract_profile(place, self.advisor.lex).region:
            self.profile.region = region
        else:
            log.info("place of the asker not known: %r", place)

    @property
    def generative(self) -> bool:
        """Whether policy answers are rewritten by a language model (and then verified)."""
        from advisor.answer.generate import default_mode

        return (self.answer_mode or default_mode()) == "generative"

    def ask(self, message: str, on_text: Callable[[str], None] | None = None) -> Answer:
        """Answer a user message in the context of this conversation (`on_text`: the generative mode's
        verified text so far, as the model writes it)."""
        t0 = time.perf_counter()
        message = (message or "").strip()
        if not message or not any(ch.isalnum() for ch in message):
            ans = plain(EMPTY_MESSAGE, "empty")
            ans.latency_ms = (time.perf_counter() - t0) * 1000
            return ans
        # full-width forms as half-width (？→?, ８２→82): the question-reading patterns are written for these
        last = self.turns[-1] if self.turns else None
        # a follow-up continues the last policy topic: small talk and a medical question are not topics
        topic = next((t for t in reversed(self.turns) if t.answer.kind not in OFF_TOPIC
                      and not (t.answer.kind == "emergency" and t.answer.refused)), None)
        u = self.advisor.understand(unicodedata.normalize("NFKC", message), self.profile, topic)
        if u.corrections:
            log.info("read by sound: %s", ", ".join(f"{f.typed}->{f.meant}" for f in u.corrections))
        if u.message.cut:
            log.info("message of %d characters read up to %d", u.message.length, len(u.message.story))
        self.profile.update(u.facts)
        ans = self.advisor.answer(u, self.mode)
        if u.route in ("policy", "eligibility", "providers"):
            if self.generative:
                from advisor.answer.generate import rewrite

                ans = rewrite(self.advisor, u.query, self.profile, ans, on_text=on_text)
            recent = self.turns[-RECENT_TURNS:]

            def repeats(a: Answer) -> bool:  # the clause an earlier turn gave, saying nothing of this message
                return any(_repeats(a, t, u.message.question, self.advisor.lex, self.advisor.retriever.df) for t in recent)

            if repeats(ans):
                # the earlier topic drowned the new one ("那要住公办养老院…" after 无障碍改造, or the first turn's
                # clause again two turns on): the message alone
                alone = self.advisor.answer(
                    self.advisor.understand(CONNECTIVE.sub("", u.message.question) or u.message.question, self.profile),
                    self.mode)
                ans = alone if not repeats(alone) else _nothing_new(ans, u.message.question)
            if last and same_text(ans.text, last.answer.text):  # never the previous answer again, unchanged
                ans = _same_clause(ans, u.message.question, self.advisor.retriever)
            ans = _with_emergency(ans, u.message)
        ans = _with_reading_note(ans, u.message)
        if u.corrections and u.route != "small_talk":
            words = "、".join(READ_AS_WORD.format(typed=f.typed, meant=f.meant) for f in u.corrections)
            draft_of(ans).preface.insert(0, READ_AS.format(words=words))
            redraw(ans)
        ans.latency_ms = (time.perf_counter() - t0) * 1000
        self.turns.append(Turn(u.message.question, u.query, ans))
        return ans


def _with_emergency(ans: Answer, msg: Message) -> Answer:
    """An emergency's first line is the number to call; the policy answer follows only if there is one and the
    message asks about policy besides the help needed now."""
    if not msg.emergency:
        return ans
    alarm = EMERGENCY[msg.emergency]
    if ans.refused or not msg.asks_policy:  # nothing of the refusal is said: the number to call is the answer
        ans.draft = AnswerDraft(kind="emergency", lead=[alarm])
        ans.refused, ans.citations = True, []  # no clause is quoted: none is cited
    else:
        draft_of(ans).preface[:0] = [alarm, EMERGENCY_THEN_POLICY]
    ans.kind = ans.draft.kind = "emergency"
    return redraw(ans)


def _with_reading_note(ans: Answer, msg: Message) -> Answer:
    """Say which part of a long message was answered (and that a very long one was cut)."""
    if msg.cut:
        note = LONG_MESSAGE_CUT.format(length=msg.length, limit=len(msg.story), question=msg.question)
    elif msg.focused:
        note = LONG_MESSAGE_QUESTION.format(question=msg.question)
    else:
        return ans
    draft_of(ans).preface.insert(0, note)
    return redraw(ans)


_DAY_ASKED = re.compile(r"几号|哪天|哪一天")  # a day of the month asked, which "次月" does not give
_DAY = re.compile(r"\d{1,2}\s*[日号]")
RECENT_TURNS = 3  # a follow-up's answer is checked against the 结论 of this many turns before it
LIST_HITS = 3  # a providers question the directory cannot answer goes to the documents when one of these lists it
_INSTITUTION_HEADER = re.compile(r"名称|地址|联系电话|床位")  # the header of a table of institutions
# the kind of place asked for, which every row of such a table is: no word that picks a row
_ANY_PROVIDER = frozenset({"养老", "养老院", "机构", "养老机构", "老人", "老年", "老年人", "附近", "哪些", "哪几家",
                           "有没有", "服务", "养老服务"})


def _lists_asked(chunk: Chunk, words: list[str]) -> bool:
    """Whether `chunk` is a row of a document's table of institutions (a county's 名单: its header names 名称,
    地址, 电话 or 床位) holding one of `words`, the question's words beyond the kind of place asked for ("马迹塘",
    "民办", "名单")."""
    if TABLE_MARK not in chunk.heading_path or not _INSTITUTION_HEADER.search(chunk.heading_path):
        return False
    where = chunk.text + chunk.heading_path.split(TABLE_MARK)[0]
    return any(t in where for t in words)


def _repeats(ans: Answer, last: Turn, question: str, lex: Lexicon, vocabulary: Collection[str] = ()) -> bool:
    """Whether a follow-up's answer gives the very clause an earlier turn gave as 结论 although that clause says
    nothing about what the follow-up names (the same clause may well answer a second question: "其中护理型床位呢?").
    `vocabulary`: the documents' words; a piece of the message neither they nor jieba's dictionary know ("办个",
    "事归" of "那要办个啥卡 这个事归哪个部门管") names nothing."""
    before = last.answer
    if ans.refused or before.refused or not ans.citations or not before.citations or question == last.message:
        return False
    first, earlier = ans.citations[0], before.citations[0]
    if (first.doc, first.text) != (earlier.doc, earlier.text):
        return False
    said = first.text
    if (age := extract_age(question)) is not None and holds_age(said, age):
        return False  # "我阿公91岁了 一个月有多少": the band of the clause holds the age asked about (90—99周岁)
    # the words the follow-up brings that the earlier question did not have ("连锁", "奖励" after a question on
    # 养老机构护理型床位): the clause answers it only if it holds one of them
    words = [w for w in topic_words(asked_about(CONNECTIVE.sub("", question)), lex) if w not in last.message
             and (not vocabulary or w in vocabulary or known_word(w)) and not PER_TIME.fullmatch(w)
             and not COUNT_WORD.match(w)]  # ("一个" of "一个月几张" counts; it names nothing)
    if not words and (holds := ANSWER_HOLDS.get(wants_of(question))):
        return not holds[1].search(said)  # "那要准备哪些材料": the same topic, a new kind of answer (a list of papers)
    if asks_when(question) and (_DAY if _DAY_ASKED.search(question) else DATE).search(said):
        return False  # "那每个月几号前能到账": the clause's day ("每月15日前发放到位") answers the new ask
    if asks_how_long(question) and states_period(said) and len(questions_in(question)) == 1:
        return False  # "那山东对这个有啥具体要求 要提前多久": the clause's time limit ("六十日前") answers it (not "有效期多久？
        # 到期以后怎么办？", which asks more)
    words = words or topic_words(question, lex)
    return not any(w in said or any(x in said for x in lex.synonyms.get(w, ())) for w in words)


_NOT_FOUND = re.compile(r"没有写明|没有找到")  # a refusal saying the documents do not state it


def _same_clause(ans: Answer, question: str, retriever: Retriever) -> Answer:
    """A policy follow-up answered word for word like the turn before: the part of the clauses already quoted
    that answers the new question ("其中护理型床位要占多少?" → the sentence with 护理型床位占比), said to be
    from them; when no part of them speaks to it, that the documents say no more (`_nothing_new`). After a
    "not stated" refusal, that this is not stated either. Other answers (a checklist, providers, a refusal
    for another reason) are left as they are: asked again, they are rightly the same."""
    if ans.refused:
        d = draft_of(ans)
        if ans.kind == "refusal" and d.refusal and not d.preface and not d.lead and _NOT_FOUND.search(d.conclusion):
            d.conclusion = ALSO_NOT_STATED.format(question=question)
        return redraw(ans)
    if ans.kind != "policy" or not ans.citations:
        return ans
    weights = term_weights(expand_synonyms(question, retriever.lex), retriever)  # "管饭不": 含午餐
    # a sentence holding the kind of answer asked ("要带啥东西": the papers) speaks to it, though no word is shared
    holds = ANSWER_HOLDS.get(wants_of(question), ("", None))[1]
    scored = [(sum(w for t, w in weights.items() if t in s) + (1.0 if holds is not None and holds.search(s) else 0.0), s, c)
              for c in ans.citations for s in (chunk_sentences(c.text) or [c.text]) if s.strip()]
    if (age := extract_age(question)) is not None:
        # …and for an elder's age, the part of a sentence (or a table row's cell) whose band holds it ("90—99周岁
        # 老年人每人每月200元"), the narrowest band first: not "80周岁以上老年人", who may have it at all
        top = max(weights.values(), default=0.0) + 2.0
        scored += [(top + 1.0 / (1 + band_width(piece, age)), piece, c) for c in ans.citations
                   for s in (chunk_sentences(c.text) or [c.text]) for piece in re.split(r"[；;：:|]", s)
                   if holds_age(piece, age)]
    best = max(scored, key=lambda x: x[0], default=None)
    if best is None or best[0] <= 0:
        return _nothing_new(ans, question)
    _, sentence, cited = best
    span = sentence.strip() if age is not None and holds_age(sentence, age) and len(sentence) < len(cited.text) \
        else best_span(sentence, weights, wants_number=True)
    if not span.strip():
        return _nothing_new(ans, question)
    where = f"《{cited.title}》" + (f"({cited.region})" if cited.region not in ("", "全国") else "") + cited.article
    cited.text, cited.n = span, 1  # the citation quotes the part shown (verbatim in the clause)
    ans.citations = [cited]
    old = draft_of(ans)  # its notes and closing notice stay
    ans.draft = AnswerDraft(kind=old.kind, conclusion=SAME_CLAUSE.format(where=where, span=span),
                            caveats=old.caveats, notes=old.notes, closing=old.closing, appendix=old.appendix)
    return redraw(ans)


def _nothing_new(ans: Answer, question: str) -> Answer:
    """The documents say no more than the clause just given: say so, with that clause."""
    first = ans.citations[0]
    ans.draft = AnswerDraft(kind="refusal", refusal="nothing_new", conclusion=NOTHING_NEW.format(
        question=question, span=first.text, where=f"《{first.title}》{first.article}"), advice=REFUSAL_ADVICE)
    ans.citations = [first]
    ans.refused, ans.kind = True, "refusal"
    return redraw(ans)
