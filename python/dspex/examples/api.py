"""Typed top-level functions over the built-in example modules: what the .NET side calls.

The C# source generator reads these signatures (plain type hints only) and emits typed wrappers.
Each declares its category, so ``optimize`` goes to the optimizer pool although its name matches no
optimizer rule. Module instances are built once per process on first use and shared (they are
read-only after construction, so concurrent calls are safe).
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Optional, TypeVar

from ..categories import GENERAL, NEURAL, OPTIMIZER, category
from ._vectors import choose_backend

T = TypeVar("T")
_instances: dict[str, Any] = {}
_lock = threading.Lock()


@category(GENERAL)
def normalize(text: str) -> str:
    """Text in NFKC form, lower-cased, accents removed, whitespace collapsed."""
    from .text import TextNormalizer

    return _shared("normalizer", TextNormalizer)(text)


@category(GENERAL)
def keywords(text: str, k: int = 5) -> list[str]:
    """The ``k`` most salient words of ``text``, best first."""
    from .text import KeywordExtractor

    return _shared("keywords", KeywordExtractor)(text, k)


@category(GENERAL)
def summarize(text: str, sentences: int = 2) -> str:
    """The ``sentences`` most central sentences of ``text``, in their original order."""
    from .text import ExtractiveSummarizer

    return _shared("summarizer", ExtractiveSummarizer)(text, sentences)


@category(GENERAL)
def classify(text: str) -> str:
    """The topic of ``text``: one of the bundled topic labels."""
    from .text import TopicClassifier

    return _shared("classifier", TopicClassifier)(text)["label"]


@category(GENERAL)
def classify_scores(text: str) -> dict[str, float]:
    """The probability of every topic label for ``text``."""
    from .text import TopicClassifier

    return _shared("classifier", TopicClassifier).probabilities(text)


@category(NEURAL)
def embed(texts: list[str]) -> list[list[float]]:
    """One L2-normalised 1024-float hashing-trick vector per text."""
    from .embeddings import HashingEmbedder

    return _shared("embedder", HashingEmbedder).embed(texts)


@category(NEURAL)
def similarity(a: str, b: str) -> float:
    """Cosine similarity of the embeddings of ``a`` and ``b``."""
    from .embeddings import HashingEmbedder

    return _shared("embedder", HashingEmbedder).similarity(a, b)


@category(NEURAL)
def retrieve(query: str, k: int = 3) -> list[str]:
    """The ``k`` passages of the bundled corpus most similar to ``query``, best first."""
    from .retrieval import CorpusRetriever

    return _shared("retriever", CorpusRetriever).retrieve(query, k)


@category(NEURAL)
def retrieve_ids(query: str, k: int = 3) -> list[str]:
    """Ids of the ``k`` bundled-corpus documents most similar to ``query``, best first."""
    from .retrieval import CorpusRetriever

    return _shared("retriever", CorpusRetriever).ids(query, k)


@category(NEURAL)
def vector_backend() -> str:
    """Which backend the embedder and retriever use here: 'numpy' or 'python'."""
    return choose_backend(None)


@category(OPTIMIZER)
def optimize(budget: int = 2000, seed: int = 0) -> dict[str, float]:
    """Runs the demo-set search; returns its figures: score, test_score, baseline_score,
    initial_score, evaluations, restarts and seconds (``budget`` candidate sets, seeded)."""
    result = _optimizer()(budget=budget, seed=seed)
    return {name: float(result[name]) for name in _OPTIMIZER_FIGURES}


@category(OPTIMIZER)
def optimize_demos(budget: int = 2000, seed: int = 0) -> list[str]:
    """Runs the demo-set search; returns the ids of the best demo set found."""
    return list(_optimizer()(budget=budget, seed=seed)["demos"])


@category(GENERAL)
def demo_score(demo_ids: list[str], split: str = "dev") -> float:
    """Accuracy on ``split`` (dev or test) of the few-shot program given the demos ``demo_ids``."""
    return _optimizer().score(demo_ids, split)


_OPTIMIZER_FIGURES = ("score", "test_score", "baseline_score", "initial_score", "evaluations", "restarts", "seconds")


def _optimizer() -> Any:
    from .optimizers import DemoSearchOptimizer

    return _shared("optimizer", DemoSearchOptimizer)


def _shared(name: str, factory: Callable[[], T]) -> T:
    instance: Optional[T] = _instances.get(name)
    if instance is None:
        with _lock:
            instance = _instances.get(name)
            if instance is None:
                instance = factory()
                _instances[name] = instance
    return instance
