"""What a question asks beyond its words, as a ranking preference for the retriever: the clause of the
elder's age band ("我姥爷92了" → "90周岁至99周岁的，每人每月200元", not the 80–89 one). (A boost for clauses
stating money on "多少钱" was tried and dropped: it found amounts of other things for questions the documents
do not answer.)"""

from __future__ import annotations

from collections.abc import Callable

from advisor.answer.agebands import OLDEST, age_bands
from advisor.answer.compose import _PENALTY
from advisor.schema import Chunk
from advisor.settings import Settings

LIABILITY = "法律责任"  # the chapter of a law or regulation that states its penalties
GENERAL_ELDER_AGE = 65  # bands starting at or below it (六十周岁以上, 65周岁及以上) hold nearly every elder


def preference(age: int | None, settings: Settings, penalty: bool = False,
               facts: Callable[[str], bool] | None = None) -> Callable[[Chunk], float] | None:
    """A factor per chunk, None when nothing is preferred: `age_band_boost` for a clause with a narrow age band
    holding the elder's age, `age_band_penalty` for one whose bands all leave it out, 1 otherwise (no band, or a
    band of every elder); times `penalty_boost` for a clause stating a penalty when the question asks what
    happens to who breaks a rule (`penalty`); times `facts_boost` for a clause stating the document's facts a
    question about the document asks (`facts`: when it takes effect, how long it holds, its 文号)."""
    by_age = age is not None and not settings.age_band_boost == settings.age_band_penalty == 1.0
    by_penalty = penalty and settings.penalty_boost != 1.0
    by_facts = facts is not None and settings.facts_boost != 1.0
    if not by_age and not by_penalty and not by_facts:
        return None

    def factor(chunk: Chunk) -> float:
        f = settings.penalty_boost if by_penalty and (_PENALTY.search(chunk.text) or LIABILITY in chunk.heading_path) \
            else 1.0
        if by_facts and facts(chunk.text):
            f *= settings.facts_boost
        return f * (age_factor(chunk) if by_age else 1.0)

    def age_factor(chunk: Chunk) -> float:
        bands = age_bands(chunk.text)
        if not bands:
            return 1.0
        if age is None or not any(lo <= age <= hi for lo, hi in bands):
            return settings.age_band_penalty
        # only a band that sets some elders apart counts ("90周岁至99周岁", "八十周岁以上"): "六十周岁以上"
        # holds every elder and says nothing about this one
        narrow = any(lo <= age <= hi and (lo > GENERAL_ELDER_AGE or hi < OLDEST) for lo, hi in bands)
        return settings.age_band_boost if narrow else 1.0

    return factor
