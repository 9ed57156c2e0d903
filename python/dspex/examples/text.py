"""Short general text modules (milliseconds): normalise, extract keywords, summarise, classify.

Their names match no optimizer or neural routing rule, and each declares ``@category("general")``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from ..categories import GENERAL, category
from . import datasets
from ._tokens import content_words, fold

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


@category(GENERAL)
class TextNormalizer:
    """Unicode-normalises text: NFKC, optional accent folding and lower-casing, collapsed whitespace."""

    def __init__(self, lowercase: bool = True, strip_accents: bool = True) -> None:
        self.lowercase = lowercase
        self.strip_accents = strip_accents

    def __call__(self, text: str) -> str:
        """The normalised text."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        result = unicodedata.normalize("NFKC", text)
        if self.strip_accents and self.lowercase:
            result = fold(result)
        elif self.strip_accents:
            decomposed = unicodedata.normalize("NFKD", result)
            result = unicodedata.normalize(
                "NFKC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            )
        elif self.lowercase:
            result = result.casefold()
        return _SPACE.sub(" ", result).strip()


@category(GENERAL)
class KeywordExtractor:
    """The ``k`` most salient words of a text: frequency times rarity in the bundled corpus."""

    def __init__(self, k: int = 5) -> None:
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        self.k = k
        documents = [set(content_words(r["text"])) for r in datasets.corpus()]
        documents += [set(content_words(r["text"])) for r in datasets.topics("train")]
        counts: dict[str, int] = {}
        for document in documents:
            for word in document:
                counts[word] = counts.get(word, 0) + 1
        self._total = len(documents)
        self._counts = counts

    def __call__(self, text: str, k: int = 0) -> list[str]:
        """Keywords best first (ties in order of first appearance)."""
        count = k or self.k
        if count < 1:
            raise ValueError(f"k must be at least 1, not {count}")
        scored = self.scores(text)
        return sorted(scored, key=lambda w: -scored[w])[:count]

    def scores(self, text: str) -> dict[str, float]:
        """Salience of every content word of ``text``: term frequency times smoothed IDF."""
        frequency: dict[str, int] = {}
        for word in content_words(text):
            frequency[word] = frequency.get(word, 0) + 1
        return {
            word: tf * (math.log((1 + self._total) / (1 + self._counts.get(word, 0))) + 1.0)
            for word, tf in frequency.items()
        }


@category(GENERAL)
class ExtractiveSummarizer:
    """Keeps the ``sentences`` most central sentences of a text, in their original order."""

    def __init__(self, sentences: int = 2) -> None:
        if sentences < 1:
            raise ValueError(f"sentences must be at least 1, not {sentences}")
        self.sentences = sentences

    def __call__(self, text: str, sentences: int = 0) -> str:
        """The summary: chosen sentences joined by spaces."""
        count = sentences or self.sentences
        if count < 1:
            raise ValueError(f"sentences must be at least 1, not {count}")
        parts = self.split(text)
        if len(parts) <= count:
            return " ".join(parts)
        frequency: dict[str, int] = {}
        for part in parts:
            for word in content_words(part):
                frequency[word] = frequency.get(word, 0) + 1
        peak = max(frequency.values(), default=1)

        def centrality(index: int) -> float:
            tokens = content_words(parts[index])
            if not tokens:
                return 0.0
            # Mean relative frequency, so long sentences do not win by length alone.
            return sum(frequency[w] / peak for w in tokens) / math.sqrt(len(tokens))

        chosen = sorted(sorted(range(len(parts)), key=lambda i: (-centrality(i), i))[:count])
        return " ".join(parts[i] for i in chosen)

    @staticmethod
    def split(text: str) -> list[str]:
        """The sentences of ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return [s.strip() for s in _SENTENCE_END.split(_SPACE.sub(" ", text).strip()) if s.strip()]


@category(GENERAL)
class TopicClassifier:
    """Multinomial naive Bayes over the bundled topic set's training split (8 topics)."""

    def __init__(self, smoothing: float = 0.5) -> None:
        if smoothing <= 0:
            raise ValueError(f"smoothing must be positive, not {smoothing}")
        rows = datasets.topics("train")
        self.labels = datasets.topic_labels()
        counts: dict[str, dict[str, int]] = {label: {} for label in self.labels}
        documents: dict[str, int] = {label: 0 for label in self.labels}
        vocabulary: set[str] = set()
        for row in rows:
            documents[row["label"]] += 1
            for word in content_words(row["text"]):
                table = counts[row["label"]]
                table[word] = table.get(word, 0) + 1
                vocabulary.add(word)
        size = len(vocabulary)
        self._vocabulary = frozenset(vocabulary)
        self._prior = {label: math.log(documents[label] / len(rows)) for label in self.labels}
        self._log_likelihood: dict[str, dict[str, float]] = {}
        self._unseen: dict[str, float] = {}
        for label in self.labels:
            total = sum(counts[label].values()) + smoothing * (size + 1)
            self._log_likelihood[label] = {
                w: math.log((c + smoothing) / total) for w, c in counts[label].items()
            }
            self._unseen[label] = math.log(smoothing / total)

    def __call__(self, text: str) -> dict[str, Any]:
        """``{"label": best, "scores": {label: probability}}``."""
        probabilities = self.probabilities(text)
        best = max(self.labels, key=lambda label: (probabilities[label], -self.labels.index(label)))
        return {"label": best, "scores": probabilities}

    def probabilities(self, text: str) -> dict[str, float]:
        """Posterior probability of every label (the prior alone for a text with no known words)."""
        # Words never seen in training carry no evidence for any label, so they are skipped.
        tokens = [w for w in content_words(text) if w in self._vocabulary]
        logs = {}
        for label in self.labels:
            table = self._log_likelihood[label]
            unseen = self._unseen[label]
            logs[label] = self._prior[label] + sum(table.get(w, unseen) for w in tokens)
        top = max(logs.values())
        exp = {label: math.exp(v - top) for label, v in logs.items()}
        total = sum(exp.values())
        return {label: v / total for label, v in exp.items()}

