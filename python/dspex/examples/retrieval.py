"""The built-in retriever: top-k documents by cosine over ``HashingEmbedder`` vectors.

By default it indexes the bundled corpus (``python/data/corpus.jsonl``); given ``documents`` it
indexes those instead, and ``add`` grows the index, which makes an instance a stateful session.
"""

from __future__ import annotations

import threading
from typing import Any, Optional

from ..categories import NEURAL, category
from . import datasets
from ._vectors import rank
from .embeddings import HashingEmbedder


@category(NEURAL)
class CorpusRetriever:
    """Retrieves the ``k`` passages most similar to a query."""

    def __init__(
        self,
        k: int = 3,
        documents: Optional[list[str]] = None,
        dimensions: int = 1024,
        backend: Optional[str] = None,
    ) -> None:
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        self.k = k
        self.embedder = HashingEmbedder(dimensions, backend)
        self._lock = threading.Lock()
        if documents is None:
            rows = datasets.corpus()
            self._ids = [r["id"] for r in rows]
            self._texts = [r["text"] for r in rows]
        else:
            self._check_documents(documents)
            self._ids = [f"doc-{i}" for i in range(len(documents))]
            self._texts = list(documents)
        self._matrix = self.embedder.matrix(self._texts)

    @property
    def backend(self) -> str:
        """Which backend scores queries: 'numpy' or 'python'."""
        return self.embedder.backend

    def __len__(self) -> int:
        return len(self._texts)

    def __call__(self, query: str, k: Optional[int] = None) -> dict[str, Any]:
        """``{"passages", "ids", "scores", "backend"}`` for the top ``k`` documents, best first."""
        hits = self.search(query, k)
        return {
            "passages": [self._texts[i] for i, _ in hits],
            "ids": [self._ids[i] for i, _ in hits],
            "scores": [s for _, s in hits],
            "backend": self.backend,
        }

    def retrieve(self, query: str, k: Optional[int] = None) -> list[str]:
        """The top ``k`` passages, best first."""
        return [self._texts[i] for i, _ in self.search(query, k)]

    def search(self, query: str, k: Optional[int] = None) -> list[tuple[int, float]]:
        """``(document position, cosine)`` of the top ``k`` documents, best first."""
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        count = self.k if k is None else k
        if count < 1:
            raise ValueError(f"k must be at least 1, not {count}")
        with self._lock:
            matrix = self._matrix
        scores = self.embedder.vectors.scores(matrix, self.embedder.matrix([query]))
        return [(i, scores[i]) for i in rank(scores, count)]

    def ids(self, query: str, k: Optional[int] = None) -> list[str]:
        """Ids of the top ``k`` documents, best first."""
        return [self._ids[i] for i, _ in self.search(query, k)]

    def add(self, documents: list[str]) -> int:
        """Indexes more documents (ids ``doc-N`` continue the count); returns the new index size."""
        self._check_documents(documents)
        added = self.embedder.matrix(documents)
        with self._lock:
            start = len(self._texts)
            self._ids.extend(f"doc-{start + i}" for i in range(len(documents)))
            self._texts.extend(documents)
            self._matrix = self.embedder.vectors.stack(self._matrix, added)
            return len(self._texts)

    @staticmethod
    def _check_documents(documents: Any) -> None:
        if isinstance(documents, str) or not all(isinstance(d, str) for d in documents):
            raise TypeError("documents must be a list of str")
