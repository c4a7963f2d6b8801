"""Optional generative answers: a language model rewrites the extractive answer's passages into short,
warm, plain Chinese, and :mod:`advisor.answer.verify` checks every sentence against the passage it cites.

Off by default. Settings (environment):

* ``ADVISOR_ANSWER`` — ``extractive`` (default) or ``generative``;
* ``ADVISOR_LLM`` — backend: ``llamacpp`` (default; local GGUF through llama-cpp-python, extra ``llm``)
  or ``openai`` (any OpenAI-compatible endpoint — vLLM, Ollama, a provincial cloud — via langchain-openai);
* ``ADVISOR_LLM_MODEL`` — for ``llamacpp`` a size (``0.5b``, ``1.5b``, see :mod:`advisor.answer.llmmodel`) or a
  path to a ``.gguf`` file; for ``openai`` the model name;
* ``ADVISOR_LLM_BASE_URL``, ``ADVISOR_LLM_API_KEY`` — the OpenAI-compatible endpoint;
* ``ADVISOR_LLM_TIMEOUT`` — seconds for a whole answer (default 60); on timeout the extractive answer is
  shown; ``ADVISOR_LLM_MAX_TOKENS``, ``ADVISOR_LLM_TEMPERATURE``, ``ADVISOR_LLM_THREADS``.

Both backends are LangChain chat models (``BaseChatModel``): ``langchain_openai.ChatOpenAI`` and
:class:`LlamaCppChat`, a small adapter of our own over ``llama_cpp.Llama.create_chat_completion``
(``langchain-community``'s ``ChatLlamaCpp`` would pull in that whole package and its pins for one class).

Only policy answers are rewritten. Refusals, eligibility (rules engine), document-metadata and provider
answers are never generated and pass through unchanged. Everything heavy is imported lazily: without the
extra installed nothing changes, and asking for the generative mode then answers extractively with
``Answer.generation["status"] == "unavailable"``.
"""

from __future__ import annotations

import atexit
import dataclasses
import importlib
import logging
import queue
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.answer.render import draft_of, redraw
from advisor.answer.templates import GENERATED_NOTICE, GENERATION_SUMMARY, VERIFY
from advisor.answer.verify import Verification, Verifier, load_benefit_names, passage_header, passage_text
from advisor.schema import Answer, AnswerDraft, Citation
from advisor.settings import env

log = logging.getLogger(__name__)

MODES = ("extractive", "generative")
BACKENDS = ("llamacpp", "openai")
SYSTEM_PROMPT = """你是养老政策顾问,帮老人和家属看懂政策。你只能根据用户给出的“政策原文”回答,不能使用任何其他知识。
要求:
1. 用亲切、简短、通俗的中文写2到4句话,不要标题,不要列表,不要照抄文件名。
2. 每句话都以原文编号结尾,例如:……。[1]
3. 数字、年龄、比例、年份、金额必须与原文完全一致;原文没有写的金额和数字一律不写。
4. 不要判断老人能不能享受,不要做承诺。
5. 只有原文写了怎么办理时,才说下一步怎么做。"""
# one worked example (a made-up document, so no real fact can leak from it into an answer unverified)
EXAMPLE_USER = """老人情况:年龄:85岁
问题:我爸85岁了,有什么补贴?

政策原文:
[1] 《某市老年人优待办法》(某市):对年满80周岁的本市户籍老年人发放高龄津贴。高龄津贴按月发放,由乡镇(街道)审核。

请根据以上政策原文回答,每句话以编号结尾。"""
EXAMPLE_ANSWER = "按照这份文件,年满80周岁、有本市户籍的老人可以领高龄津贴。[1]这笔津贴按月发放,由乡镇(街道)负责审核。[1]"


class GenerationTimeout(RuntimeError):
    """The model did not finish within the configured time."""


@dataclass
class LLMSettings:
    """Settings of the generative mode; ``from_env`` reads the ADVISOR_ANSWER / ADVISOR_LLM_* variables."""

    mode: str = "extractive"
    backend: str = "llamacpp"
    model: str = ""  # llamacpp: size or .gguf path ("" = 0.5b); openai: model name
    base_url: str = ""
    api_key: str = ""
    timeout: float = 60.0
    max_tokens: int = 200
    temperature: float = 0.1
    threads: int = 0  # llama.cpp threads (0: all available cores)
    n_ctx: int = 4096
    passage_chars: int = 160  # characters of each passage shown to the model (the cited span, a little context)

    @classmethod
    def from_env(cls) -> LLMSettings:
        """Defaults overridden by the environment."""
        s = cls()
        s.mode = env("ANSWER").strip().lower() or s.mode
        s.backend = env("LLM").strip().lower() or s.backend
        s.model = env("LLM_MODEL")
        s.base_url = env("LLM_BASE_URL")
        s.api_key = env("LLM_API_KEY")
        s.timeout = float(env("LLM_TIMEOUT"))
        s.max_tokens = int(env("LLM_MAX_TOKENS"))
        s.temperature = float(env("LLM_TEMPERATURE"))
        s.threads = int(env("LLM_THREADS"))
        return s

    def gguf_path(self) -> Path:
        """The local model file of the llamacpp backend."""
        from advisor.answer.llmmodel import DEFAULT_SIZE, MODELS, model_path

        m = self.model.strip().lower()
        if m in MODELS:
            return model_path(m)
        if m:
            return Path(self.model).expanduser()
        return model_path(DEFAULT_SIZE)


def default_mode() -> str:
    """The answer mode the environment asks for (``extractive`` unless ADVISOR_ANSWER=generative)."""
    mode = env("ANSWER").strip().lower()
    return mode if mode in MODES else "extractive"


# ---------------------------------------------------------------------------- LangChain chat models


def _llama_chat_class() -> type:
    """:class:`LlamaCppChat`, defined on first use so langchain_core loads only when needed."""
    global LlamaCppChat
    if LlamaCppChat is not None:
        return LlamaCppChat
    from langchain_core.language_models.chat_models import BaseChatModel
    from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
    from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
    from pydantic import ConfigDict, PrivateAttr

    roles = {"system": "system", "human": "user", "ai": "assistant"}

    class _LlamaCppChat(BaseChatModel):
        """A LangChain chat model over a local GGUF file with llama-cpp-python (greedy-ish, CPU)."""

        model_config = ConfigDict(arbitrary_types_allowed=True)
        model_path: str
        n_ctx: int = 4096
        n_threads: int = 0
        temperature: float = 0.1
        max_tokens: int = 200
        seed: int = 42
        _llama: Any = PrivateAttr(default=None)

        @property
        def _llm_type(self) -> str:
            return "llama-cpp-python"

        @property
        def llama(self) -> Any:
            """The loaded ``llama_cpp.Llama`` (loaded on first use)."""
            if self._llama is None:
                from llama_cpp import Llama

                self._llama = Llama(model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads or None,
                                    seed=self.seed, verbose=False)
                atexit.register(self._llama.close)  # free it before the interpreter tears llama_cpp down
            return self._llama

        def _convert(self, messages: list[BaseMessage]) -> list[dict[str, str]]:
            return [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages]

        def _params(self, stop: list[str] | None) -> dict[str, Any]:
            return {"temperature": self.temperature, "max_tokens": self.max_tokens, "stop": stop or None,
                    "seed": self.seed}

        def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                      **kwargs: Any) -> ChatResult:
            out = self.llama.create_chat_completion(messages=self._convert(messages), **self._params(stop))
            text = out["choices"][0]["message"].get("content") or ""
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

        def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                    **kwargs: Any) -> Iterator[ChatGenerationChunk]:
            for part in self.llama.create_chat_completion(messages=self._convert(messages), stream=True,
                                                          **self._params(stop)):
                delta = part["choices"][0].get("delta", {}).get("content") or ""
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager is not None:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk

    LlamaCppChat = _LlamaCppChat
    return LlamaCppChat


LlamaCppChat: Any = None


def _importable(name: str) -> bool:
    """Whether a module imports (the optional extra may be missing, or broken)."""
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


class Generator:
    """One backend, loaded once per process; generation is serialised (llama.cpp is not thread-safe)."""

    def __init__(self, settings: LLMSettings | None = None):
        """``settings``: default from the environment."""
        self.settings = settings or LLMSettings.from_env()
        self._model: Any = None
        self._lock = threading.Lock()

    def availability(self) -> tuple[bool, str]:
        """(whether the backend can run here, why not)."""
        s = self.settings
        if s.backend == "openai":
            if not _importable("langchain_openai"):
                return False, "langchain-openai is not installed (pip install .[llm])"
            if not s.base_url or not s.model:
                return False, "ADVISOR_LLM_BASE_URL and ADVISOR_LLM_MODEL are not set"
            return True, ""
        if s.backend != "llamacpp":
            return False, f"unknown backend {s.backend!r} (choose {' / '.join(BACKENDS)})"
        if not _importable("llama_cpp"):
            return False, "llama-cpp-python is not installed (pip install .[llm])"
        if not s.gguf_path().is_file():
            return False, f"model file {s.gguf_path()} is missing (advisor build-llm)"
        return True, ""

    @property
    def name(self) -> str:
        """Backend and model, for records."""
        s = self.settings
        return f"openai:{s.model}" if s.backend == "openai" else f"llamacpp:{s.gguf_path().name}"

    def chat_model(self) -> Any:
        """The LangChain chat model (built on first use)."""
        if self._model is None:
            s = self.settings
            if s.backend == "openai":
                from langchain_openai import ChatOpenAI

                self._model = ChatOpenAI(model=s.model, base_url=s.base_url, api_key=s.api_key or "none",
                                         timeout=s.timeout, max_retries=0, temperature=s.temperature,
                                         max_tokens=s.max_tokens)
            else:
                cls = _llama_chat_class()
                self._model = cls(model_path=str(s.gguf_path()), n_ctx=s.n_ctx, n_threads=s.threads,
                                  temperature=s.temperature, max_tokens=s.max_tokens)
        return self._model

    def stream(self, messages: Sequence[Any], timeout: float | None = None) -> Iterator[str]:
        """Text deltas of the model's reply; raises :class:`GenerationTimeout` past ``timeout`` seconds."""
        limit = self.settings.timeout if timeout is None else timeout
        with self._lock:
            t0 = time.perf_counter()
            model = self.chat_model()
            it = model.stream(list(messages))
            try:
                for chunk in it:
                    text = chunk.content if isinstance(chunk.content, str) else "".join(
                        p.get("text", "") for p in chunk.content if isinstance(p, dict))
                    if text:
                        yield text
                    if time.perf_counter() - t0 > limit:
                        raise GenerationTimeout(f"no complete answer within {limit:.0f} s")
            finally:
                close = getattr(it, "close", None)
                if close is not None:
                    close()


_generators: dict[tuple, Generator] = {}
_generators_lock = threading.Lock()


def get_generator(settings: LLMSettings | None = None) -> Generator:
    """The process-wide generator for these settings."""
    s = settings or LLMSettings.from_env()
    key = tuple(dataclasses.astuple(s))
    with _generators_lock:
        if key not in _generators:
            _generators[key] = Generator(s)
        return _generators[key]


def available(settings: LLMSettings | None = None) -> bool:
    """Whether the generative mode can run here (backend installed and configured, model present)."""
    return get_generator(settings).availability()[0]


# ---------------------------------------------------------------------------- prompt and rewrite


def build_messages(question: str, profile_text: str, citations: Sequence[Citation], passage_chars: int = 160) -> list:
    """The chat messages: the rules, the elder's profile, the question and the numbered passages only."""
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    passages = "\n".join(f"[{c.n}] {passage_header(c)}:{passage_text(c, passage_chars)}" for c in citations)
    user = f"老人情况:{profile_text}\n问题:{question}\n\n政策原文:\n{passages}\n\n请根据以上政策原文回答,每句话以编号结尾。"
    return [SystemMessage(content=SYSTEM_PROMPT), HumanMessage(content=EXAMPLE_USER), AIMessage(content=EXAMPLE_ANSWER),
            HumanMessage(content=user)]


def generatable(ans: Answer) -> bool:
    """Only grounded policy answers are rewritten (never refusals, eligibility, metadata or providers)."""
    return ans.kind == "policy" and not ans.refused and bool(ans.citations)


_verifiers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def verifier_for(advisor: Any, passage_chars: int = 160) -> Verifier:
    """The verifier of an advisor (its word lists and the benefit names of its rules)."""
    v = _verifiers.get(advisor)
    if v is None:
        names = load_benefit_names(advisor.settings.corpus_dir / "rules")
        v = Verifier(advisor.lex, names, passage_chars=passage_chars)
        _verifiers[advisor] = v
    return v


def _draft(ver: Verification, extractive: Answer) -> AnswerDraft:
    """The verified text in place of the extractive answer's own words; its notes (other region's rules,
    newer versions) and what the conversation added are kept as they are."""
    old = draft_of(extractive)
    return AnswerDraft(kind=old.kind, lead=[ver.text], caveats=old.caveats, notes=old.notes,
                       closing=[GENERATED_NOTICE], appendix=old.appendix)


_SENTENCE_DONE = re.compile(r"[。!?\uff01\uff1f;；\n]\s*(?:[\[【]\d+[\]】]\s*)*$")


def rewrite(advisor: Any, question: str, profile: Any, extractive: Answer,
            on_text: Callable[[str], None] | None = None, generator: Generator | None = None) -> Answer:
    """The generative answer for ``extractive`` (an answer of :meth:`Advisor.answer`), or ``extractive``
    itself — with a ``generation`` record saying why — when it must not or cannot be rewritten.
    ``on_text`` receives the verified text so far each time the model completes a sentence."""
    if not generatable(extractive):
        return extractive
    gen = generator or get_generator()
    ok, why = gen.availability()
    record: dict[str, Any] = {"mode": "generative", "backend": gen.name, "status": "", "reason": why}
    if not ok:
        record["status"] = "unavailable"
        extractive.generation = record
        return extractive
    verifier = verifier_for(advisor, gen.settings.passage_chars)
    profile_text = profile.describe() if hasattr(profile, "describe") else str(profile or "")
    regions = [getattr(profile, "region", "")] if getattr(profile, "region", "") else []
    messages = build_messages(question, profile_text, extractive.citations, gen.settings.passage_chars)
    t0 = time.perf_counter()
    raw = ""
    try:
        for delta in gen.stream(messages):
            raw += delta
            if on_text is not None and _SENTENCE_DONE.search(raw):
                partial = verifier.check(raw, extractive.citations, profile_text, regions)
                on_text(partial.text)
    except GenerationTimeout as e:
        record.update(status="timeout", reason=str(e), raw=raw, seconds=round(time.perf_counter() - t0, 2))
        extractive.generation = record
        return extractive
    except Exception as e:  # a broken endpoint or model must not break the answer
        log.warning("generation failed: %s: %s", type(e).__name__, e)
        record.update(status="error", reason=f"{type(e).__name__}: {e}", raw=raw,
                      seconds=round(time.perf_counter() - t0, 2))
        extractive.generation = record
        return extractive
    ver = verifier.check(raw, extractive.citations, profile_text, regions)
    record.update(raw=raw, seconds=round(time.perf_counter() - t0, 2), **ver.record())
    if ver.fallback:
        record["status"] = "fallback"
        record["reason"] = VERIFY["fallback"].format(share=ver.unsupported_share)
        extractive.generation = record
        return extractive
    record["status"] = "ok"
    record["extractive"] = extractive.text
    cited = set(ver.cited)
    return redraw(dataclasses.replace(
        extractive,
        draft=_draft(ver, extractive),
        citations=[c for c in extractive.citations if c.n in cited],
        generation=record,
    ))


def run_streaming(fn: Callable[[Callable[[str], None]], Answer]) -> Iterator[str | Answer]:
    """Run ``fn(on_text)`` in a thread; yield each text it reports, then its Answer (for the web page)."""
    q: queue.Queue = queue.Queue()
    done = object()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["answer"] = fn(q.put)
        except BaseException as e:  # re-raised in the caller's thread
            box["error"] = e
        finally:
            q.put(done)

    threading.Thread(target=work, name="generate", daemon=True).start()
    while (item := q.get()) is not done:
        yield item
    if "error" in box:
        raise box["error"]
    yield box["answer"]


# ---------------------------------------------------------------------------- evaluation summary


def generation_summary(results: Sequence[dict]) -> dict[str, Any]:
    """Verifier statistics over eval records (their optional ``generation`` key): answers generated,
    fallen back, timed out; sentences kept / replaced / removed."""
    recs = [r.get("generation") for r in results if isinstance(r.get("generation"), dict)]
    out: dict[str, Any] = {"records": len(recs)}
    for status in ("ok", "fallback", "timeout", "error", "unavailable"):
        out[status] = sum(1 for g in recs if g.get("status") == status)
    for key in ("kept", "replaced", "removed"):
        out[f"sentences_{key}"] = sum(int(g.get(key, 0)) for g in recs)
    total = sum(out[f"sentences_{k}"] for k in ("kept", "replaced", "removed"))
    out["sentences"] = total
    out["unsupported_share"] = (out["sentences_replaced"] + out["sentences_removed"]) / total if total else None
    secs = sorted(float(g["seconds"]) for g in recs if "seconds" in g)
    out["generation_seconds_mean"] = sum(secs) / len(secs) if secs else None
    reasons: dict[str, int] = {}
    for g in recs:
        for s in g.get("sentences") or []:
            if s.get("status") != "kept":
                key = re.sub(r"[::(].*", "", s.get("reason", ""))
                reasons[key] = reasons.get(key, 0) + 1
    out["reasons"] = dict(sorted(reasons.items(), key=lambda kv: -kv[1]))
    return out


def format_summary(summary: dict[str, Any]) -> str:
    """The summary in a few Chinese lines for the terminal."""
    if not summary.get("records"):
        return GENERATION_SUMMARY["none"]
    share = summary["unsupported_share"]
    S = GENERATION_SUMMARY
    return (
        S["answers"].format(records=summary["records"], ok=summary["ok"], fallback=summary["fallback"],
                            timeout=summary["timeout"], error=summary["error"],
                            unavailable=summary["unavailable"])
        + S["sentences"].format(sentences=summary["sentences"], kept=summary["sentences_kept"],
                                replaced=summary["sentences_replaced"], removed=summary["sentences_removed"])
        + (S["share"].format(share=share) if share is not None else "")
        + S["reasons"] + (",".join(f"{k} {v}" for k, v in summary["reasons"].items()) or S["no_reasons"])
    )


__all__ = [
    "GENERATED_NOTICE",
    "Generator",
    "LLMSettings",
    "available",
    "build_messages",
    "default_mode",
    "format_summary",
    "generatable",
    "generation_summary",
    "get_generator",
    "rewrite",
    "run_streaming",
]
