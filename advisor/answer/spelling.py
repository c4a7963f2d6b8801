"""Words typed by sound: a family writing 中疯 for 中风, 照故 for 照顾, 补帖 for 补贴, 阳老院 for 养老院. A word that
is no word (neither in the documents nor in a general dictionary) but sounds exactly like a word of the
documents or the lexicon, one or two characters apart, is read as that word. Pinyin from pypinyin, without tones (phone keyboards pick by toneless pinyin,
which is how these typos arise), and with the sounds southern speech merges folded together (高林 for 高龄)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pypinyin import lazy_pinyin

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
MIN_WORD, MAX_WORD = 2, 5
# grammatical characters: a window holding one spans a word boundary (谈了, 是老, 上还 of "屁股上还长过"), it is not a
# misspelt word
_FUNCTION_CHARS = re.compile(r"[了的是在有我你他她它这那不也就都和吗呢吧着过把被给让还又再才很太]")


def sound_key(word: str) -> tuple[str, ...]:
    """A word's toneless pinyin with the sounds much of China does not tell apart folded together (南方口音:
    zh/ch/sh as z/c/s, n as l, -ng as -n): 高林 and 高龄 are one key, as a family in 广东 would type them."""
    return tuple(_fold(p) for p in lazy_pinyin(word))


def _fold(syllable: str) -> str:
    syllable = re.sub(r"^([zcs])h", r"\1", syllable)
    syllable = re.sub(r"^n(?=[aeiou])", "l", syllable)
    return re.sub(r"([aei])ng$", r"\1n", syllable)


def _differs(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def _one_slip(typed: str, meant: str) -> bool:
    """A typo by sound changes a character or two, not the whole word: 中疯/中风, 阳老院/养老院."""
    return 0 < _differs(typed, meant) <= (1 if len(typed) <= 3 else 2)


@dataclass(frozen=True)
class Correction:
    """One word read as another."""

    typed: str
    meant: str


class SoundAlike:
    """Corrects sound-alike typos against a vocabulary (the documents' words and the lexicon's); words
    of the vocabulary, of jieba's dictionary and place names are never touched."""

    def __init__(self, words: Iterable[tuple[str, float]], known: Iterable[str] = ()):
        """`words`: (word, weight) pairs, the vocabulary typos are read as; the heavier wins when two words
        sound the same. `known`: more words that are never corrected (place names)."""
        words = list(words)
        self.known: set[str] = {w for w, _weight in words} | set(known)
        same: dict[tuple[str, ...], list[tuple[float, str]]] = {}
        for w, weight in words:
            if MIN_WORD <= len(w) <= MAX_WORD and _HAN_RUN.fullmatch(w):
                same.setdefault(sound_key(w), []).append((weight, w))
        # every word of a sound, heaviest first: 优代 is 优待 (one character off), not the heavier 有待 (two)
        self.by_sound = {k: [w for _weight, w in sorted(ws, key=lambda p: -p[0])] for k, ws in same.items()}

    def meant(self, typed: str) -> str:
        """The word of the vocabulary `typed` sounds like and misses by a slip (the fewest characters off, then the
        heaviest); "" when there is none."""
        slips = [w for w in self.by_sound.get(sound_key(typed), ()) if _one_slip(typed, w)]
        return min(slips, key=lambda w: _differs(typed, w), default="")

    def correct(self, text: str) -> tuple[str, list[Correction]]:
        """`text` with sound-alike typos replaced, and what was replaced. Longest words first; a window is
        only considered when it is neither a word of the vocabulary nor of jieba's general dictionary (没人
        stays 没人), and it starts and ends where jieba cuts the message (苯地 inside 硝苯地平 is not a word the
        user typed)."""
        import jieba

        from advisor.lexicon import word_frequency

        cuts = {0}
        for _word, start, end in jieba.tokenize(text, HMM=False):
            cuts.update((start, end))
        fixes: list[Correction] = []
        out = list(text)
        for m in _HAN_RUN.finditer(text):
            run, base = m.group(), m.start()
            i = 0
            while i < len(run) - 1:
                for n in range(min(MAX_WORD, len(run) - i), MIN_WORD - 1, -1):
                    typed = run[i : i + n]
                    if base + i not in cuts or base + i + n not in cuts:
                        continue
                    if base + i > 0 and text[base + i - 1].isdigit():
                        continue  # "1943年生": a unit of the number before it (年, 月, 岁), no word typed on its own
                    if typed in self.known or word_frequency(typed) > 0 or _FUNCTION_CHARS.search(typed):
                        continue
                    meant = self.meant(typed)
                    if meant:
                        fixes.append(Correction(typed, meant))
                        out[base + i : base + i + n] = meant  # same length: positions stay valid
                        i += n - 1
                        break
                i += 1
        return "".join(out), fixes
