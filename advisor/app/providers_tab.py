"""The 附近机构 tab: providers near a place (kind, services, taking 失能 elders, a radius) as cards a phone
can read, and an offline sketch of where they are (API: /providers). Demo records are labelled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from advisor.chat import Advisor
from advisor.services.providers import DEMO_LABEL, KINDS, SERVICES, Match
from advisor.webview import esc


def provider_search(advisor: Advisor, place: str, kinds: list[str] | None, services: list[str] | None,
                    disabled_only: bool, radius: Any) -> tuple[list[Match], str]:
    """The provider tab's search: (matches nearest first, a note). Demo records are labelled."""
    place = (place or "").strip()
    if not place:
        return [], "请先填写地区或地点,例如:清城区、英德、乌鲁木齐。"
    try:
        radius_km = float(radius) if radius not in (None, "", 0) else None
        matches = advisor.directory.search(region=None, near=place, kinds=kinds or None, services=services or None,
                                           accepts_disabled=True if disabled_only else None,
                                           radius_km=radius_km, limit=30 if radius_km else 10)
    except ValueError:
        return [], f"没有找到“{place}”这个地点;目前目录收录的是{advisor.directory.coverage()}的名单。"
    note = f"找到 {len(matches)} 家,近的在前。" + (
        f"标有【{DEMO_LABEL}】的是演示用虚构机构,请勿拨打或前往;真实名单请向当地民政部门核实。"
        if any(m.provider.demo for m in matches) else "")
    return matches, note


def provider_cards(matches: list[Match]) -> str:
    """Providers as cards a phone can read: name, kind, distance, phone (tap to call), address, services."""
    cards = []
    for i, m in enumerate(matches, 1):
        p = m.provider
        facts = [x for x in (p.kind, p.institution_class) if x]
        if m.distance_km is not None:
            facts.append(f"约 {m.distance_km:.1f} 公里")
        if p.accepts_disabled:
            facts.append("收住失能老人")
        phone = (f"<p>电话:<a href='tel:{esc(re.sub(r'[^0-9+]', '', p.phone))}'>{esc(p.phone)}</a></p>"
                 if p.phone and not p.demo else (f"<p>电话:{esc(p.phone)}</p>" if p.phone else ""))
        cards.append(
            f"<div class='pcard'><div class='name'>{i}. {esc(p.name)}"
            + (f" <span class='warn'>【{esc(DEMO_LABEL)}】</span>" if p.demo else "") + "</div>"
            f"<p>{esc(' · '.join(facts))}</p>" + phone
            + (f"<p>地址:{esc(p.address)}</p>" if p.address else "")
            + (f"<p>服务:{esc('、'.join(p.services))}</p>" if p.services else "")
            + (f"<p><small>{esc(';'.join(m.reasons))}</small></p>" if m.reasons else "") + "</div>")
    return "".join(cards)


def provider_map(matches: list[Match]) -> Any:
    """An offline scatter of the providers, numbered as the cards, labelled in Chinese (no map tiles)."""
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    pts = [(m.provider.lon, m.provider.lat, i + 1) for i, m in enumerate(matches) if m.provider.lat is not None]
    if not pts:
        return None
    cjk = [f.name for f in font_manager.fontManager.ttflist if "CJK SC" in f.name or f.name in ("Microsoft YaHei",)]
    fig = Figure(figsize=(6, 4.5), dpi=100)
    ax = fig.add_subplot()
    ax.scatter([x for x, _, _ in pts], [y for _, y, _ in pts], c="#c0392b")
    for x, y, n in pts:
        ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, 4))
    font = {"fontfamily": cjk[0]} if cjk else {}
    ax.set_xlabel("经度" if cjk else "lon", **font)
    ax.set_ylabel("纬度" if cjk else "lat", **font)
    ax.set_title("机构位置示意(编号同上方列表,离线绘制,无底图)" if cjk else "", **font)
    return fig


@dataclass
class ProvidersTab:
    """The tab's components."""

    place: Any
    radius: Any
    disabled: Any
    kinds: Any
    services: Any
    run: Any
    note: Any
    cards: Any
    map: Any


def build() -> ProvidersTab:
    """The tab's components, inside its gr.Tab."""
    import gradio as gr

    gr.Markdown(f"输入老人所在的区县或地点,列出附近的养老机构;标有【{DEMO_LABEL}】的是演示数据,不是真实机构。")
    v_place = gr.Textbox(label="地区或地点", placeholder="例如:清城区")
    with gr.Row():
        v_radius = gr.Number(label="多少公里以内(可不填)", value=None, minimum=0, min_width=120)
        v_disabled = gr.Checkbox(label="只看收住失能老人的", min_width=120)
    with gr.Accordion("更多条件", open=False):
        v_kinds = gr.CheckboxGroup(list(KINDS), label="机构类型")
        v_services = gr.CheckboxGroup(list(SERVICES), label="服务")
    v_run = gr.Button("查找", variant="primary", elem_id="providers-run")
    v_note = gr.Markdown("")
    v_cards = gr.HTML("", elem_id="provider-cards")
    with gr.Accordion("位置示意图(编号同上方列表)", open=False):
        v_map = gr.Plot(show_label=False)
    return ProvidersTab(place=v_place, radius=v_radius, disabled=v_disabled, kinds=v_kinds, services=v_services,
                        run=v_run, note=v_note, cards=v_cards, map=v_map)


def wire(advisor: Advisor, tab: ProvidersTab) -> None:
    """The tab's event: 查找 lists the providers as cards and draws their sketch."""

    def providers(*args):
        matches, note = provider_search(advisor, *args)
        return provider_cards(matches), provider_map(matches), note

    tab.run.click(providers, [tab.place, tab.kinds, tab.services, tab.disabled, tab.radius],
                  [tab.cards, tab.map, tab.note], api_name="providers")
