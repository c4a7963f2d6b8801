"""The page in a real browser: Debian's chromium (apt, never downloaded) driven by playwright. Load the page,
ask, wait for the streamed answer, open a citation, check that markup a user types is shown as text and not
run, look at the desk mode, and take screenshots at phone (390 px) and desktop (1280 px) width.

Set ADVISOR_SCREENSHOTS=docs/screenshots to also write the screenshots committed with the README."""

from __future__ import annotations

import os
import shutil
import socket
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
QUESTION = "我妈82岁了,在清远,瘫痪在床,能享受什么服务?"
EVIL = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">养老补贴'

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


@pytest.fixture(scope="module")
def app_url(advisor_obj):
    from advisor.app import build_ui, launch

    demo = build_ui(advisor_obj)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
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


def shots_dirs(tmp_path: Path) -> list[Path]:
    out = [tmp_path]
    extra = os.environ.get("ADVISOR_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        out.append(Path(extra))
    return out


def ask(page, text: str, n_answers: int) -> None:
    """Type a question into the family chat, press Enter, wait until answer number n_answers is complete."""
    box = page.locator("#ask-box textarea, #ask-box input").first
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(
        """n => {
            const bots = document.querySelectorAll('#chat .message.bot, #chat [data-testid="bot"]');
            if (bots.length < n) return false;
            const t = bots[bots.length - 1].innerText;
            return t.includes('引用来源') || t.includes('没有找到');  // final yield (not a streamed prefix)
        }""",
        arg=n_answers,
        timeout=60_000,
    )
    page.wait_for_timeout(600)  # the follow-up refresh (profile card, suggestions) lands


def test_page_in_chromium(app_url, browser, tmp_path):
    dialogs: list[str] = []
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url, wait_until="domcontentloaded")
    page.get_by_text("最终以当地民政部门的认定为准").first.wait_for()  # the permanent notice
    page.get_by_role("button", name="经济困难的失能老人有什么补贴?").wait_for(state="visible")  # examples

    ask(page, QUESTION, 1)
    chat = page.locator("#chat")
    chat.get_by_text("引用来源").first.wait_for(state="visible")
    src = chat.locator("details.src").first
    assert src.is_visible()
    assert src.evaluate("d => d.open") is False
    src.locator("summary").click()
    assert src.evaluate("d => d.open") is True
    mark = src.locator("mark").first
    mark.wait_for(state="visible")
    assert "特困" in mark.inner_text() or len(mark.inner_text()) > 10
    assert "地区:广东省清远市" in src.inner_text()
    # the profile card was filled from the conversation
    assert "广东省清远市" in page.locator("#profile-line").inner_text()
    for d in shots_dirs(tmp_path):
        src.scroll_into_view_if_needed()
        page.screenshot(path=str(d / "phone-390-cited-answer.png"), full_page=False)
    assert (tmp_path / "phone-390-cited-answer.png").stat().st_size > 10_000

    # what a user types is text, never markup
    ask(page, EVIL, 2)
    user_msgs = chat.locator(".message.user, [data-testid='user']")
    assert "<script>window.__xss=1</script>" in user_msgs.last.inner_text()
    assert page.evaluate("() => window.__xss") is None
    assert chat.locator("img[src='x']").count() == 0 and chat.locator("script").count() == 0
    assert not dialogs

    # desktop width, then the desk mode with all retrieved passages (of an ordinary follow-up question)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="开始新对话").click()  # a fresh conversation for the desk view
    page.wait_for_timeout(500)
    ask(page, QUESTION, 1)
    page.wait_for_timeout(300)
    page.screenshot(path=str(tmp_path / "desktop-1280.png"), full_page=True)
    assert (tmp_path / "desktop-1280.png").stat().st_size > 10_000
    page.get_by_role("tab", name="工作人员台").click()
    hits = page.locator("#desk-hits table.hits tr")
    hits.nth(1).wait_for(state="visible")
    assert hits.count() >= 3
    assert "分数" in page.locator("#desk-hits").inner_text()
    page.get_by_role("button", name="导出/打印").click()
    link = page.locator("a.dl").first
    link.wait_for(state="visible")
    assert link.get_attribute("href").startswith("data:text/markdown")
    for d in shots_dirs(tmp_path):
        page.screenshot(path=str(d / "desk-1280-sources.png"), full_page=True)

    page.get_by_role("tab", name="已收录文件").click()
    page.get_by_text("清远市推进基本养老服务体系建设实施方案").filter(visible=True).first.wait_for()
    page.screenshot(path=str(tmp_path / "documents-1280.png"), full_page=True)
    page.close()


def test_profile_edit_changes_next_answer(app_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url, wait_until="domcontentloaded")
    card = page.locator("#profile-card").first
    card.get_by_label("地区").fill("清远")
    page.locator("#save-profile").click()
    page.wait_for_function(
        "() => document.querySelector('#profile-line').innerText.includes('广东省清远市')", timeout=20_000
    )
    ask(page, "居家养老有哪些上门服务?", 1)
    text = page.locator("#chat").inner_text()
    assert "告诉我您在哪个地区" not in text  # the edited region is used: no "tell me where you are"
    page.close()
