"""The page in a real browser: Debian's chromium (apt, never downloaded) driven by playwright, at a phone's
390×844 and a desk's 1280×800. The tests measure what a person sees: where a new answer's first line is
after it arrives, that nothing in an answer scrolls on its own, that the tabs are there without a menu, what
the clipboard holds after 复制, what the export holds, that a Markdown image typed by a user is never fetched
(a local HTTP server counts requests), that an ID number is masked everywhere in the page, that the
conversation survives a reload and 清除记录 removes it, and that 大字 makes the answer large.

Screenshots of both widths are written to docs/screenshots/ (committed with the README) and to the test's
temporary folder."""

from __future__ import annotations

import base64
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
QUESTION = "我妈82岁了,在清远,瘫痪在床,能享受什么服务?"
EVIL = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">养老补贴'
ID_NUMBER = "440106194912310021"
PHONE = "13812345678"

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def _chromium_missing() -> str:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return "Debian chromium is not installed (scripts/setup.sh installs it when run as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return ""


pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(_chromium_missing()), reason=_chromium_missing())]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(advisor_obj):
    from advisor.app import build_ui, launch

    demo = build_ui(advisor_obj)
    port = _free_port()
    launch(demo, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def counter():
    """A local HTTP server that counts the requests it gets (a Markdown image pointing at it must get none)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(base64.b64decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def shot(page, tmp_path: Path, name: str, full_page: bool = False) -> None:
    """A screenshot into the test's folder and docs/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for d in (tmp_path, SHOTS):
        page.screenshot(path=str(d / name), full_page=full_page)
    assert (tmp_path / name).stat().st_size > 10_000


def ask(page, text: str, n: int, where: str = "#chat", box: str = "#ask-box") -> None:
    """Type a question, press Enter, wait until exchange number n is complete (its tools are drawn)."""
    field = page.locator(f"{box} textarea, {box} input").first
    field.fill(text)
    field.press("Enter")
    page.wait_for_function(
        """([where, n]) => {
            const turns = document.querySelectorAll(where + ' .turn');
            return turns.length >= n && !turns[n - 1].classList.contains('pending')
                && turns[n - 1].querySelector('.tools') !== null;
        }""",
        arg=[where, n],
        timeout=90_000,
    )
    page.wait_for_timeout(500)  # the follow-up refresh (profile card, suggestions, what the browser keeps) lands


def first_line_in_view(page, n: int, where: str = "#chat") -> dict:
    """Where the first line of answer n is, against the viewport (and the sticky question bar below)."""
    return page.evaluate(
        """([where, n]) => {
            const a = document.querySelectorAll(where + ' .turn')[n - 1].querySelector('.a');
            const first = a.querySelector('.lead p') || a;
            const r = first.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(first).lineHeight) || 30;
            const bar = document.querySelector('#askbar');
            const barTop = bar ? bar.getBoundingClientRect().top : window.innerHeight;
            return {top: r.top, firstLineBottom: r.top + line, bottomLimit: Math.min(window.innerHeight, barTop)};
        }""",
        [where, n],
    )


def scroll_boxes(page, n: int, where: str = "#chat") -> list[str]:
    """Elements of answer n, or around it, that scroll on their own (content taller than the box)."""
    return page.evaluate(
        """([where, n]) => {
            const turn = document.querySelectorAll(where + ' .turn')[n - 1];
            const out = [];
            const check = el => {
                const s = getComputedStyle(el);
                if ((s.overflowY === 'auto' || s.overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 2)
                    out.push(el.tagName + '.' + el.className + '#' + el.id);
            };
            turn.querySelectorAll('*').forEach(check);
            for (let el = turn; el && el !== document.documentElement; el = el.parentElement) check(el);
            return out;
        }""",
        [where, n],
    )


def test_phone_conversation(app_url, browser, tmp_path, counter):
    """A daughter on a 390 px phone: three questions, each answer's start in view when it arrives, no
    scroll box, tabs without a menu, 复制 gives plain text, nothing typed is rendered or fetched, an ID
    number is masked, the conversation survives a reload, 大字 works and is remembered, 清除记录 clears."""
    base, requests = counter
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url.rstrip("/"))
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url, wait_until="domcontentloaded")
    page.get_by_text("最终以当地民政部门的认定为准").first.wait_for()

    # every tab is a visible control at first sight: none hides behind an overflow menu
    tabs = page.locator("#tabs [role=tab]")
    tabs.first.wait_for(state="visible")
    names = [tabs.nth(i).inner_text().strip() for i in range(tabs.count())]
    assert {"咨询", "我能享受什么", "附近机构", "文件", "工作台"} <= set(names), names
    for i in range(tabs.count()):
        box = tabs.nth(i).bounding_box()
        assert tabs.nth(i).is_visible() and box and box["x"] >= 0 and box["x"] + box["width"] <= 390, names[i]
    assert not page.locator("#tabs .overflow-menu:not(.hide)").is_visible()

    # 1: an eligibility question; its first line is in view when the answer is there, nothing scrolls inside
    ask(page, QUESTION, 1)
    pos = first_line_in_view(page, 1)
    assert 0 <= pos["top"] and pos["firstLineBottom"] <= pos["bottomLimit"], pos
    assert scroll_boxes(page, 1) == []
    shot(page, tmp_path, "phone-390-answer.png")

    # 2: an ID number and a phone number typed by the user are masked in the whole page
    ask(page, f"身份证{ID_NUMBER},电话{PHONE},经济困难的失能老人有什么补贴?", 2)
    html = page.content()
    assert ID_NUMBER not in html and PHONE not in html
    assert "4401**********0021" in page.locator("#chat .turn").nth(1).inner_text()
    pos = first_line_in_view(page, 2)
    assert 0 <= pos["top"] and pos["firstLineBottom"] <= pos["bottomLimit"], pos
    assert scroll_boxes(page, 2) == []

    # the folded parts open; a citation names its document, article and 文号-like facts, never the file name
    turn = page.locator("#chat .turn").nth(1)
    sources = turn.locator("details.sources")
    sources.locator("summary").first.click()
    src = sources.locator("details.src").first
    src.locator("summary").click()
    assert src.evaluate("d => d.open") is True
    src.locator("mark").first.wait_for(state="visible")
    assert ".txt" not in src.inner_text() and "地区:" in src.inner_text()

    # 复制 puts plain text on the clipboard: the question, the answer and "[1] 《title》…" lines, no markup
    turn.locator("button[data-act=copy]").click()
    page.wait_for_timeout(300)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "<" not in copied and ">" not in copied.replace("》", "")
    assert "[1] 《" in copied and "经济困难的失能老人有什么补贴" in copied and ID_NUMBER not in copied

    # 3: markup and a Markdown image typed by a user are text: nothing runs, nothing is fetched
    ask(page, f"{EVIL} ![x]({base}/x.png)", 3)
    user = page.locator("#chat .turn").nth(2).locator(".q").inner_text()
    assert "<script>window.__xss=1</script>" in user and f"![x]({base}/x.png)" in user
    assert page.evaluate("() => window.__xss") is None and not dialogs
    assert page.locator("#chat .q img, #chat .q script").count() == 0
    page.wait_for_timeout(500)
    assert requests == []

    # a reload on the same phone shows the same conversation, still masked
    page.reload(wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelectorAll('#chat .turn').length === 3", timeout=30_000)
    assert ID_NUMBER not in page.content()

    # 大字: the 结论 in large type, remembered after a reload
    page.locator("#bigtext button.bigtext").click()
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('#chat .turn .lead p')).fontSize)")
    assert size >= 24
    page.reload(wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelectorAll('#chat .turn').length === 3", timeout=30_000)
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('#chat .turn .lead p')).fontSize)")
    assert size >= 24
    page.locator("#bigtext button.bigtext").click()  # back to normal for the screenshots

    # 清除记录 removes the conversation, and a reload does not bring it back
    page.locator("#new-conversation").click()
    page.locator("#clear-yes").wait_for(state="visible")
    assert page.locator("#chat .turn").count() == 3  # one tap only asks: a slip loses nothing
    page.locator("#clear-yes").click()
    page.wait_for_function("() => document.querySelectorAll('#chat .turn').length === 0", timeout=20_000)
    page.wait_for_timeout(500)
    page.reload(wait_until="domcontentloaded")
    page.get_by_text("最终以当地民政部门的认定为准").first.wait_for()
    page.wait_for_timeout(1500)
    assert page.locator("#chat .turn").count() == 0
    context.close()


def test_phone_checklist_and_providers(app_url, browser, tmp_path):
    """我能享受什么 on a phone: after 对照政策 the result is in view and the form folds; conditions are in
    words, the 'no amount' note is said once; provider cards fit the screen."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page.goto(app_url, wait_until="domcontentloaded")
    page.get_by_role("tab", name="我能享受什么").click()
    form = page.locator("#eligibility-form")
    form.get_by_label("地区").fill("清远")
    form.get_by_label("年龄").fill("82")
    form.get_by_label("低保边缘").check()
    page.locator("#eligibility-run").click()
    page.locator("#eligibility-result .checklist").wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(800)
    top = page.evaluate("() => document.querySelector('#eligibility-result .result').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2, top
    text = page.locator("#eligibility-result").inner_text()
    assert "需要:" in text and "待确认:低保\n" not in text
    assert text.count("文件未规定具体金额") <= 1 and "面向所有老年人" in text
    assert not page.locator("#eligibility-run").is_visible()  # the form folded once filled
    shot(page, tmp_path, "phone-390-checklist.png")

    page.get_by_role("tab", name="附近机构").click()
    page.get_by_label("地区或地点").fill("清城区")
    page.locator("#providers-run").click()
    cards = page.locator("#provider-cards .pcard")
    cards.first.wait_for(state="visible", timeout=30_000)
    wide = page.evaluate("() => [...document.querySelectorAll('#provider-cards .pcard')]"
                         ".filter(c => c.getBoundingClientRect().right > window.innerWidth + 1).length")
    assert wide == 0 and "公里" in cards.first.inner_text() and "电话" in cards.first.inner_text()
    page.close()


def test_desk(app_url, browser, tmp_path, monkeypatch):
    """Staff at 1280 px: the same conversation with file names, any question's passages, regions on one
    line, the export holding every question, 有用 reaching the feedback file, documents as a table,
    re-ingest hidden without a token."""
    monkeypatch.setenv("ADVISOR_FEEDBACK_DIR", str(tmp_path / "fb"))
    page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
    page.goto(app_url, wait_until="domcontentloaded")
    tabs = page.locator("#tabs [role=tab]")
    tabs.first.wait_for(state="visible")
    assert tabs.count() == 5 and all(tabs.nth(i).is_visible() for i in range(5))
    page.get_by_role("tab", name="工作台").click()
    questions = ["国家对养老机构是怎么分类的?", "那新疆呢?", "居家养老有哪些上门服务?"]
    for i, q in enumerate(questions, 1):
        ask(page, q, i, where="#chat-desk", box="#desk-box")
        pos = first_line_in_view(page, i, where="#chat-desk")
        assert 0 <= pos["top"] and pos["firstLineBottom"] <= 800, pos
        assert scroll_boxes(page, i, where="#chat-desk") == []
    page.locator("#chat-desk .turn").nth(0).locator("button[data-act=like][data-v='1']").click()
    feedback = tmp_path / "fb" / "feedback.jsonl"
    page.wait_for_function("() => true")  # let the event go out
    for _ in range(50):
        if feedback.exists() and feedback.read_text("utf-8").endswith("\n"):  # a whole line written, not just opened
            break
        page.wait_for_timeout(100)
    assert '"liked": true' in feedback.read_text("utf-8") and questions[0] in feedback.read_text("utf-8")
    hits = page.locator("#desk-hits table.hits tr")
    hits.nth(1).wait_for(state="visible")
    assert hits.count() >= 3 and "cosine_x1000" not in page.locator("#desk-hits").inner_text()
    # regions on one line: a region cell is one text line high
    tall = page.evaluate("""() => [...document.querySelectorAll('#desk-hits td.region')].filter(td => {
        const r = document.createRange(); r.selectNodeContents(td);
        return r.getClientRects().length > 1; }).length""")
    assert tall == 0
    # the passages of the first question, chosen
    page.locator("#turn-pick input").click()
    page.get_by_role("option", name="第1问", exact=False).click()
    page.wait_for_function("() => document.querySelector('#desk-hits').innerText.includes('分类')", timeout=20_000)
    page.locator("#export").click()
    link = page.locator("a.dl").first
    link.wait_for(state="visible")
    md = base64.b64decode(link.get_attribute("href").split("base64,", 1)[1]).decode("utf-8")
    assert all(q in md for q in questions), md[:500]
    shot(page, tmp_path, "desk-1280.png", full_page=True)

    page.get_by_role("tab", name="文件").click()
    table = page.locator("#documents table.docs")
    table.wait_for(state="visible")
    assert "文号" in table.inner_text() and "清远市推进基本养老服务体系建设实施方案" in table.inner_text()
    assert "{'" not in page.locator("#tabs").inner_text()  # no Python structures printed
    assert not page.get_by_role("button", name="重新导入文件").is_visible()  # no ADVISOR_ADMIN_TOKEN here
    page.close()


def test_profile_edit_changes_next_answer(app_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(app_url, wait_until="domcontentloaded")
    page.locator("#profile-card").get_by_text("老人信息(可修改)").click()
    card = page.locator("#profile-card")
    card.get_by_label("地区").fill("清远")
    page.locator("#save-profile").click()
    page.wait_for_function(
        "() => document.querySelector('#profile-line').innerText.includes('广东省清远市')", timeout=20_000
    )
    ask(page, "居家养老有哪些上门服务?", 1)
    text = page.locator("#chat").inner_text()
    assert "告诉我您在哪个地区" not in text  # the edited region is used: no "tell me where you are"
    page.close()
