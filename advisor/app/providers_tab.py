"""The 附近机构 tab: providers near a place (kind, services, taking 失能 elders, a radius) as cards a phone
can read, and an offline sketch of where they are (API: /providers). Demo records are labelled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from advisor.answer import templates as T
from advisor.chat import Advisor
from advisor.services.providers import DEMO_LABEL, KINDS, SERVICES, Match
from advisor.webview import esc

P, CARD = T.PROVIDERS_TAB, T.PROVIDER_CARD  # the tab's labels, a card's


def provider_search(advisor: Advisor, place: str, kinds: list[str] | None, services: list[str] | None,
                    disabled_only: bool, radius: Any) -> tuple[list[Match], str]:
    """The provider tab's search: (matches nearest first, a note). Demo records are labelled."""
    place = (place or "").strip()
    if not place:
        return [], P["ask_place"]
    try:
        radius_km = float(radius) if radius not in (None, "", 0) else None
        matches = advisor.directory.search(region=None, near=place, kinds=kinds or None, services=services or None,
                                           accepts_disabled=True if disabled_only else None,
                                           radius_km=radius_km, limit=30 if radius_km else 10)
    except ValueError:
        return [], P["unknown_place"].format(place=place, coverage=advisor.directory.coverage())
    note = P["found"].format(n=len(matches)) + (
        P["demo"].format(label=DEMO_LABEL) if any(m.provider.demo for m in matches) else "")
    return matches, note


def provider_cards(matches: list[Match]) -> str:
    """Providers as cards a phone can read: name, kind, distance, phone (tap to call), address, services."""
    cards = []
    for i, m in enumerate(matches, 1):
        p = m.provider
        facts = [x for x in (p.kind, p.institution_class) if x]
        if m.distance_km is not None:
            facts.append(CARD["km"].format(km=m.distance_km))
        if p.accepts_disabled:
            facts.append(CARD["takes_disabled"])
        phone = (f"<p>{CARD['phone']}<a href='tel:{esc(re.sub(r'[^0-9+]', '', p.phone))}'>{esc(p.phone)}</a></p>"
                 if p.phone and not p.demo else (f"<p>{CARD['phone']}{esc(p.phone)}</p>" if p.phone else ""))
        cards.append(
            f"<div class='pcard'><div class='name'>{i}. {esc(p.name)}"
            + (f" <span class='warn'>{CARD['demo_tag'].format(label=esc(DEMO_LABEL))}</span>" if p.demo else "") + "</div>"
            f"<p>{esc(' · '.join(facts))}</p>" + phone
            + (f"<p>{CARD['address']}{esc(p.address)}</p>" if p.address else "")
            + (f"<p>{CARD['services']}{esc(CARD['service_sep'].join(p.services))}</p>" if p.services else "")
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
    ax.set_xlabel(T.PROVIDER_MAP["lon"] if cjk else "lon", **font)
    ax.set_ylabel(T.PROVIDER_MAP["lat"] if cjk else "lat", **font)
    ax.set_title(T.PROVIDER_MAP["title"] if cjk else "", **font)
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

    gr.Markdown(P["intro"].format(label=DEMO_LABEL))
    v_place = gr.Textbox(label=P["place"], placeholder=P["place_hint"])
    with gr.Row():
        v_radius = gr.Number(label=P["radius"], value=None, minimum=0, min_width=120)
        v_disabled = gr.Checkbox(label=P["disabled_only"], min_width=120)
    with gr.Accordion(P["more"], open=False):
        v_kinds = gr.CheckboxGroup(list(KINDS), label=P["kinds"])
        v_services = gr.CheckboxGroup(list(SERVICES), label=P["services"])
    v_run = gr.Button(P["run"], variant="primary", elem_id="providers-run")
    v_note = gr.Markdown("")
    v_cards = gr.HTML("", elem_id="provider-cards")
    with gr.Accordion(P["map_fold"], open=False):
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
