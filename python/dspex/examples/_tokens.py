"""Tokenisation shared by the example modules: words, content words and character n-grams."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves also get got one two make makes made many much use used using way ways""".split()
)


def fold(text: str) -> str:
    """Lower-cased text with accents removed (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """Every alphanumeric word of ``text``, folded."""
    return _WORD.findall(fold(text))


def singular(word: str) -> str:
    """A light plural stripper, so that 'stars' and 'star' meet; leaves short words and '-ss' alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """Words of ``text`` without stopwords and one-letter words, in singular form."""
    return [singular(w) for w in words(text) if len(w) > 1 and w not in STOPWORDS]


def char_ngrams(word: str, n: int) -> list[str]:
    """Character n-grams of ``word`` with boundary marks: 'star', 3 -> '<st', 'sta', 'tar', 'ar>'."""
    marked = f"<{word}>"
    if len(marked) <= n:
        return [marked]
    return [marked[i : i + n] for i in range(len(marked) - n + 1)]
