"""How well a provider fits the elder asked about: 失能 (a disability), 失智 (dementia) and the safety net
(特困, or 低保 and 失能), as the search scores it and as the answer says why (`fit_reasons`)."""

from __future__ import annotations

from advisor.answer.templates import PROVIDER_FIT
from advisor.profile import Profile
from advisor.services.providers.schema import Provider


def _is_disabled(profile: Profile | None) -> bool:
    return bool(profile and profile.disability and profile.disability != "能力完好")


def _needs_safety_net(profile: Profile | None) -> bool:
    if profile is None:
        return False
    f = profile.flags
    return bool(f.get("tekun") or ((f.get("dibao") or f.get("poor") or f.get("dibao_edge")) and _is_disabled(profile)))


def fit_reasons(p: Provider, profile: Profile | None) -> list[str]:
    """Why this provider suits the elder, in Chinese (empty when nothing specific is known)."""
    out = []
    if _is_disabled(profile) and p.accepts_disabled:
        out.append(PROVIDER_FIT["disabled"] + (PROVIDER_FIT["nursing_beds"].format(n=p.beds_nursing)
                                               if p.beds_nursing else ""))
    if profile is not None and profile.flags.get("dementia") and p.accepts_dementia:
        out.append(PROVIDER_FIT["dementia"])
    if _needs_safety_net(profile) and p.institution_class == "兜底保障型":
        out.append(PROVIDER_FIT["safety_net"])
    elif p.institution_class == "普惠支持型":
        out.append(PROVIDER_FIT["inclusive"])
    return out
