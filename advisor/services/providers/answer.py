"""The chat answer to a provider question (`answer_providers`): the directory searched in and around the place
asked about, fitted to the elder's profile; each provider written as a numbered entry (demo records labelled,
distance, services, beds, phone, price, address, why it suits, source); and the national 意见's definition of
the institution classes cited (`class_citation`)."""

from __future__ import annotations

import copy
import re
import time
from pathlib import Path
from typing import Any

from advisor.answer import templates as T
from advisor.answer.render import to_answer
from advisor.answer.templates import PROVIDER_SEARCH as S
from advisor.lexicon import load_lexicon
from advisor.profile import Profile, extract_profile
from advisor.schema import Answer, AnswerDraft, Citation, Section
from advisor.services.providers.directory import Directory, Match, UnknownPlace
from advisor.services.providers.fit import _is_disabled
from advisor.services.providers.places import find_places, resolve_place
from advisor.services.providers.question import _AREA, _max_price, _wanted
from advisor.services.providers.schema import DEMO_LABEL, RESIDENTIAL_KINDS
from advisor.settings import REPO_ROOT

POLICY_DOC = "000_1d2e2f58848231f4.txt"
POLICY_TITLE = "中共中央国务院关于深化养老服务改革发展的意见"
POLICY_ARTICLE = "第(六)条"
POLICY_DATE = "2024-12-30"
CLASS_SENTENCE = (
    "兜底保障型养老机构主要收住特困老年人和经济困难失能老年人等;普惠支持型养老机构面向全体老年人开放,"
    "由设区的市级政府制定支持办法,加强收费引导管理;完全市场型养老机构实行充分竞争、优质优价,满足老年人多样化需求。"
)


def class_citation(n: int = 1, policies_dir: Path | None = None) -> Citation:
    """The national 意见 第(六)条 sentence defining 兜底保障型 / 普惠支持型 / 完全市场型 institutions (its clause
    read from `policies_dir`, the corpus in use; the repository's by default)."""
    context = ""
    path = (policies_dir or REPO_ROOT / "corpus" / "policies") / POLICY_DOC
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if CLASS_SENTENCE in line:
                context = line.strip()
                break
    return Citation(
        n=n,
        doc=POLICY_DOC,
        title=POLICY_TITLE,
        region="全国",
        article=POLICY_ARTICLE,
        date=POLICY_DATE,
        validity=T.VALIDITY["no_expiry"],
        text=CLASS_SENTENCE,
        context=context,
    )


def _fmt_match(i: int, m: Match, origin: str) -> str:
    """One provider of a nearby answer: name, kind and distance, services, beds, phone, price, address, why it
    fits, source (the lines' words are `templates.PROVIDER_ENTRY`)."""
    E = T.PROVIDER_ENTRY
    p = m.provider
    tag = E["demo_tag"].format(label=DEMO_LABEL) if p.demo else ""
    head = [p.kind or E["kind_unknown"]]
    if p.institution_class:
        head.append(p.institution_class)
    if p.ownership or p.ownership_raw:
        head.append(p.ownership_raw or p.ownership)
    if m.distance_km is not None and p.approx:  # no coordinates in the list: only its district (or city) is known
        if not p.district:
            head.append(E["in_city"].format(place=p.city or p.province))
        else:
            head.append(E["in_district"].format(district=p.district) if m.distance_km < 1
                        else E["approx_km"].format(origin=origin, km=f"{m.distance_km:.0f}"))
    elif m.distance_km is not None:
        head.append(E["exact_km"].format(origin=origin, km=f"{m.distance_km:.1f}"))
    lines = [E["name"].format(i=i, name=p.name, tag=tag), E["indent"] + E["sep"].join(head)]
    loc = p.district or p.city
    if p.services:
        lines.append(E["services"].format(services="、".join(p.services)))
    beds = ""
    if p.beds_total:
        beds = E["beds"].format(n=p.beds_total) + (E["nursing_beds"].format(n=p.beds_nursing) if p.beds_nursing else "")
    price = E["price"].format(price=p.price_range) + ("" if re.search(r"元|面议", p.price_range) else E["per_month"]) \
        if p.price_range else ""
    phone = E["phone"].format(phone=p.phone) if p.phone else E["no_phone"]
    tail = [x for x in (beds, phone, price if not p.demo else "") if x]  # no made-up prices for demo records
    lines.append(E["indent"] + E["sep"].join(tail))
    if p.address:
        lines.append(E["address"].format(address=f"{loc + ' ' if loc and loc not in p.address else ''}{p.address}"))
    if m.reasons:
        lines.append(E["fits"].format(reasons=";".join(m.reasons)))
    if not p.demo:
        sources = "、".join(dict.fromkeys([p.source or p.file, *p.also_in]))
        lines.append(E["source"].format(sources=sources)
                     + (E["verified"].format(date=p.last_verified) if p.last_verified else ""))
    return "\n".join(lines)


def answer_providers(text: str, profile: Profile, directory: Directory, limit: int = 5,
                     policies_dir: Path | None = None) -> Answer:
    """Answer a "nearby providers" question from the directory, fitted to the elder's profile (`policies_dir`:
    where the 意见 defining the institution classes is, for the citation)."""
    t0 = time.perf_counter()
    lex = load_lexicon()
    prof = copy.deepcopy(profile) if profile is not None else Profile()
    prof.update(extract_profile(text, lex))
    places = find_places(text, directory.places)
    place = places[0] if places else None
    region = place.name if place else prof.region
    if place is None and prof.region:
        place = resolve_place(prof.region, directory.places)
    kinds, services = _wanted(text)
    cit = class_citation(1, policies_dir)

    def done(draft: AnswerDraft, refused: bool, matches: list[Match] | None = None) -> Answer:
        return to_answer(draft, refused=refused, citations=[cit] if matches else [], query=text,
                         region=region or "", latency_ms=(time.perf_counter() - t0) * 1000)

    districts = directory.places.district_names
    unknown = [a for a in _AREA.findall(text) if not any(a.endswith(d) for d in districts)]
    if not region:
        return done(AnswerDraft(kind="providers", lead=[T.PROVIDERS_ASK_PLACE]), True)
    disabled = _is_disabled(prof)
    residential = kinds is not None and any(k in RESIDENTIAL_KINDS for k in kinds)
    need_disabled = True if disabled and (residential or kinds is None) else None
    need_dementia = True if prof.flags.get("dementia") and (residential or kinds is None) else None
    max_price = _max_price(text)
    own = next((o for o in ("公建民营", "公办", "民办") if o in text), None)
    filt = {
        "kinds": kinds,
        "services": services or None,
        "accepts_disabled": need_disabled,
        "accepts_dementia": need_dementia,
        "profile": prof,
        "max_price": max_price,
        "ownership": own,
    }
    radius = 25.0 if place is not None and place.district else None
    origin = S["origin"].format(place=place.short) if place is not None else region

    def find(filters: dict[str, Any]) -> list[Match]:
        try:
            if place is not None and place.district:
                inside = directory.search(region=place.name, near=(place.lat, place.lon), limit=limit, **filters)
                nearby = directory.search(near=(place.lat, place.lon), radius_km=radius, limit=limit, **filters)
                seen = {m.provider.id for m in inside}
                merged = inside + [m for m in nearby if m.provider.id not in seen]
                merged.sort(key=lambda m: (round(m.distance_km or 0.0, 1), m.provider.approx, -m.fit))
                # "周边25公里内" means it: a record placed in the district but lying far away is not listed
                return [m for m in merged if m.distance_km is None or m.distance_km <= 3 * radius][:limit]
            if place is not None:
                return directory.search(region=place.name, near=(place.lat, place.lon), limit=limit, **filters)
            return directory.search(region=region, limit=limit, **filters)
        except UnknownPlace:
            return []

    matches = find(filt)
    care_unknown = False
    if not matches and (need_disabled or need_dementia):  # lists that do not say whom a home takes in
        matches = find({**filt, "accepts_disabled": None, "accepts_dementia": None})
        care_unknown = bool(matches)
    takes = [S[k] for k, needed in (("takes_disabled", need_disabled), ("takes_dementia", need_dementia)) if needed]
    others = ([own] if own else []) + ([S["max_price"].format(price=max_price)] if max_price is not None else [])
    sep = S["sep"]
    what = sep.join(kinds) if kinds else (S["offering"].format(services=sep.join(services)) if services
                                          else S["any_service"])
    where = S["around"].format(region=region, km=radius) if radius else region

    def wanted(wants: list[str]) -> str:
        return S["wanted"].format(wants=sep.join(wants)) if wants else ""

    if not matches:
        body = (T.PROVIDERS_UNKNOWN_PLACE.format(places=sep.join(unknown)) if unknown else "") \
            + T.PROVIDERS_NONE.format(where=where, want=wanted(takes + others), what=what,
                                      coverage=directory.coverage())
        return done(AnswerDraft(kind="providers", lead=[body]), True)  # the directory cannot answer: a refusal
    draft = AnswerDraft(kind="providers", lead=[T.PROVIDERS_FOUND.format(
        where=where, want=wanted(others if care_unknown else takes + others), what=what)])
    if care_unknown:
        draft.caveats.append(T.PROVIDERS_CARE_UNKNOWN)
    if unknown:
        draft.caveats.append(T.PROVIDERS_READ_AS_REGION.format(places=sep.join(unknown), region=region))
    draft.sections.append(Section("", [_fmt_match(i, m, origin) for i, m in enumerate(matches, 1)]))
    last = [x.format(label=DEMO_LABEL) for x in T.PROVIDERS_DEMO] if any(m.provider.demo for m in matches) else []
    last.append(T.PROVIDERS_DISTANCE.format(origin=origin))
    last.append(T.PROVIDERS_CLASS.format(title=POLICY_TITLE, article=POLICY_ARTICLE, sentence=CLASS_SENTENCE))
    draft.sections.append(Section("", last))
    # only made-up demo records found: shown as an illustration, but the directory cannot really answer
    return done(draft, all(m.provider.demo for m in matches), matches)
