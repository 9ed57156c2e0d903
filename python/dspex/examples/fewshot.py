"""The few-shot program the demo-search optimizer tunes: a nearest-demo classifier.

Given a set of labelled demos it labels a text with the label of the most similar demo (IDF-weighted
shared words plus character-trigram overlap); with no similar demo it abstains. Its accuracy depends on
which demos it is given, which is what makes demo selection an optimisation problem, as it is for a
DSPy program whose prompt carries few-shot demos.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

from . import datasets
from ._tokens import char_ngrams, content_words


@dataclass(frozen=True)
class Example:
    """One labelled example with its precomputed features."""

    id: str
    text: str
    label: str
    words: frozenset[str]
    grams: frozenset[str]


def featurize(row: dict[str, str]) -> Example:
    """An ``Example`` from a dataset row ``{"id", "text", "label"}``."""
    tokens = content_words(row["text"])
    grams = frozenset(g for w in tokens for g in char_ngrams(w, 3))
    return Example(row["id"], row["text"], row["label"], frozenset(tokens), grams)


def idf_weights(examples: Sequence[Example]) -> dict[str, float]:
    """Smoothed inverse document frequency of every word of ``examples``."""
    counts: dict[str, int] = {}
    for example in examples:
        for word in example.words:
            counts[word] = counts.get(word, 0) + 1
    total = len(examples)
    return {word: math.log((1 + total) / (1 + count)) + 1.0 for word, count in counts.items()}


class NearestDemoProgram:
    """Labels texts by their most similar demo. ``idf`` weights shared words; unknown words weigh 1."""

    GRAM_WEIGHT = 0.5

    def __init__(self, demos: Sequence[Example], idf: dict[str, float]) -> None:
        self.demos = tuple(demos)
        self.idf = idf

    def similarity(self, a: Example, b: Example) -> float:
        """IDF-weighted shared words plus a weighted Jaccard overlap of character trigrams."""
        shared = a.words & b.words
        score = sum(self.idf.get(w, 1.0) for w in shared)
        if a.grams and b.grams:
            common = len(a.grams & b.grams)
            score += self.GRAM_WEIGHT * common / (len(a.grams) + len(b.grams) - common)
        return score

    def predict(self, example: Example) -> Optional[str]:
        """The label of the most similar demo (the first one on ties); ``None`` when nothing is similar."""
        best_label: Optional[str] = None
        best_score = 0.0
        for demo in self.demos:
            score = self.similarity(example, demo)
            if score > best_score:
                best_score = score
                best_label = demo.label
        return best_label


def exact_match(example: Example, prediction: Optional[str]) -> float:
    """The metric: 1.0 when the prediction is the example's label, else 0.0 (abstaining scores 0)."""
    return 1.0 if prediction == example.label else 0.0


def evaluate(program: NearestDemoProgram, examples: Sequence[Example]) -> float:
    """Mean metric of ``program`` over ``examples`` (0.0 for an empty set)."""
    if not examples:
        return 0.0
    return sum(exact_match(e, program.predict(e)) for e in examples) / len(examples)


class TopicTask:
    """The bundled topic set split into a demo pool (train), a search metric set (dev) and held-out test."""

    def __init__(self) -> None:
        self.pool = [featurize(r) for r in datasets.topics("train")]
        self.dev = [featurize(r) for r in datasets.topics("dev")]
        self.test = [featurize(r) for r in datasets.topics("test")]
        self.idf = idf_weights(self.pool)
        self._by_id = {e.id: e for e in self.pool}

    def program(self, demos: Sequence[Example]) -> NearestDemoProgram:
        """The program that uses ``demos``."""
        return NearestDemoProgram(demos, self.idf)

    def demos_by_id(self, ids: Sequence[str]) -> list[Example]:
        """Pool examples by id; raises ``KeyError`` naming an id that is not in the demo pool."""
        missing = [i for i in ids if i not in self._by_id]
        if missing:
            raise KeyError(f"not in the demo pool: {', '.join(missing)}")
        return [self._by_id[i] for i in ids]

    def score(self, ids: Sequence[str], split: str = "dev") -> float:
        """Accuracy on ``split`` (dev or test) of the program with the pool demos ``ids``."""
        if split not in ("dev", "test"):
            raise ValueError(f"split must be 'dev' or 'test', not {split!r}")
        examples = self.dev if split == "dev" else self.test
        return evaluate(self.program(self.demos_by_id(ids)), examples)
