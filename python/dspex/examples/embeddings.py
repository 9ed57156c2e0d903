"""The built-in embedder: hashing-trick vectors of words and character trigrams, L2-normalised.

No model and no download: every word and every character trigram of a text is hashed (CRC-32, stable
across processes, unlike ``hash()``) into one of ``dimensions`` signed buckets. Texts that share words
or word pieces get a high cosine. numpy does the vector work when present; pure Python otherwise.
"""

from __future__ import annotations

import zlib
from typing import Any, Optional

from ..categories import NEURAL, category
from ._tokens import char_ngrams, content_words
from ._vectors import SparseVector, VectorBackend, choose_backend

WORD_WEIGHT = 1.0
GRAM_WEIGHT = 0.35


@category(NEURAL)
class HashingEmbedder:
    """Embeds texts as L2-normalised hashed bag-of-words + character-trigram vectors."""

    def __init__(self, dimensions: int = 1024, backend: Optional[str] = None) -> None:
        if dimensions < 16 or dimensions & (dimensions - 1):
            raise ValueError(f"dimensions must be a power of two of at least 16, not {dimensions}")
        self.dimensions = dimensions
        self.vectors = VectorBackend(choose_backend(backend), dimensions)

    @property
    def backend(self) -> str:
        """Which backend computes the vectors: 'numpy' or 'python'."""
        return self.vectors.name

    def __call__(self, texts: list[str]) -> dict[str, Any]:
        """``{"vectors": [[...], ...], "dimensions": n, "backend": "numpy"|"python"}`` for ``texts``."""
        return {"vectors": self.embed(texts), "dimensions": self.dimensions, "backend": self.backend}

    def embed(self, texts: list[str]) -> list[list[float]]:
        """One L2-normalised vector of ``dimensions`` floats per text (all zeros for a text with no words)."""
        return self.vectors.to_lists(self.matrix(texts))

    def matrix(self, texts: list[str]) -> Any:
        """The backend's matrix of the texts' normalised vectors (for the retriever)."""
        if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
            raise TypeError("texts must be a list of str")
        return self.vectors.matrix([self.features(t) for t in texts])

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two texts."""
        return self.vectors.scores(self.matrix([b]), self.matrix([a]))[0]

    def features(self, text: str) -> SparseVector:
        """The unnormalised signed hashed feature counts of ``text``."""
        vector: SparseVector = {}
        mask = self.dimensions - 1
        for word in content_words(text):
            self._add(vector, "w:" + word, WORD_WEIGHT, mask)
            for gram in char_ngrams(word, 3):
                self._add(vector, "g:" + gram, GRAM_WEIGHT, mask)
        return vector

    @staticmethod
    def _add(vector: SparseVector, feature: str, weight: float, mask: int) -> None:
        hashed = zlib.crc32(feature.encode("utf-8"))
        index = hashed & mask
        # The top bit picks the sign, so colliding features cancel on average instead of piling up.
        signed = -weight if hashed & 0x80000000 else weight
        vector[index] = vector.get(index, 0.0) + signed
