"""The settings registry: one place for every ADVISOR_* variable, the README's table generated from it."""

import re
from pathlib import Path

from advisor.settings import PREFIX, REGISTRY, Settings, env, settings_table

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_table_is_the_registrys():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- settings:start -->\n(.*?)\n<!-- settings:end -->", readme, re.S)
    assert m, "README has no settings table"
    assert m.group(1) == settings_table()


def test_no_module_reads_an_advisor_variable_outside_the_registry():
    direct = re.compile(r"(?:os\.environ(?:\.get)?|os\.getenv)\s*[\[(]\s*[\"']" + PREFIX)
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in [*ROOT.glob("advisor/**/*.py"), ROOT / "app.py"]
                 if p.name != "settings.py"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if direct.search(line)]
    assert not offenders, offenders


def test_every_variable_the_code_names_is_registered():
    used = set()
    for p in [*ROOT.glob("advisor/**/*.py"), ROOT / "app.py"]:
        used |= set(re.findall(r"\benv\(\s*\"([A-Z_0-9]+)\"", p.read_text(encoding="utf-8")))
        used |= set(re.findall(r"\boverride\(\s*\"([A-Z_0-9]+)\"", p.read_text(encoding="utf-8")))
    names = {s.name for s in REGISTRY}
    assert used and used <= names, used - names
    assert len(names) == len(REGISTRY)  # each once


def test_settings_fields_come_from_their_variables(monkeypatch):
    fields = {s.field for s in REGISTRY if s.field}
    assert fields <= set(Settings.__dataclass_fields__)
    monkeypatch.setenv("ADVISOR_W_BM25", "0.7")
    monkeypatch.setenv("ADVISOR_PROVIDERS", "0")
    monkeypatch.setenv("ADVISOR_CORPUS", "/tmp/somewhere")
    s = Settings.from_env()
    assert (s.weight_bm25, s.providers, str(s.corpus_dir)) == (0.7, False, "/tmp/somewhere")
    monkeypatch.delenv("ADVISOR_W_BM25")
    assert Settings.from_env().weight_bm25 == Settings().weight_bm25
    # a registered default is the dataclass default, so both agree when nothing is set
    for s in REGISTRY:
        if s.field and s.field not in ("corpus_dir", "index_dir") and not isinstance(getattr(Settings(), s.field), bool):
            assert str(getattr(Settings(), s.field)) == s.default, s.name
    monkeypatch.delenv("ADVISOR_CHROMA_PORT", raising=False)
    assert env("CHROMA_PORT") == "8000"
