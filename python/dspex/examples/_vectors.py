"""Vector arithmetic for the embedder and retriever, with a numpy backend and a pure-Python one.

Both compute the same numbers from the same sparse hashed features: numpy on dense float64 arrays,
pure Python on sparse dicts. Rankings are made identical by ``rank`` (scores rounded to 9 places,
ties broken by position), because the two sum in different orders and differ in the last bits.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

SparseVector = dict[int, float]

NUMPY = "numpy"
PYTHON = "python"
BACKENDS = (NUMPY, PYTHON)


def numpy_available() -> bool:
    """Whether numpy can be imported in this interpreter."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def choose_backend(requested: Optional[str]) -> str:
    """``requested`` when given (an error if it is numpy and numpy is missing), else numpy when present."""
    if requested is None:
        return NUMPY if numpy_available() else PYTHON
    if requested not in BACKENDS:
        raise ValueError(f"unknown vector backend {requested!r}; expected one of {', '.join(BACKENDS)}")
    if requested == NUMPY and not numpy_available():
        raise ValueError("vector backend 'numpy' was requested but numpy is not importable in this Python")
    return requested


class VectorBackend:
    """Normalises hashed feature vectors, densifies them and scores queries against a matrix of them."""

    def __init__(self, name: str, dimensions: int) -> None:
        self.name = name
        self.dimensions = dimensions
        if name == NUMPY:
            import numpy

            self._np: Any = numpy
        else:
            self._np = None

    def matrix(self, rows: Sequence[SparseVector]) -> Any:
        """An L2-normalised matrix of ``rows`` (numpy array, or a list of normalised sparse dicts)."""
        if self._np is not None:
            np = self._np
            dense = np.zeros((len(rows), self.dimensions), dtype=np.float64)
            for i, row in enumerate(rows):
                if row:
                    dense[i, list(row.keys())] = list(row.values())
            norms = np.linalg.norm(dense, axis=1, keepdims=True)
            norms[norms == 0.0] = 1.0
            return dense / norms
        return [_normalized(row) for row in rows]

    def to_lists(self, matrix: Any) -> list[list[float]]:
        """Dense row lists of a matrix made by ``matrix``."""
        if self._np is not None:
            return matrix.tolist()
        result = []
        for row in matrix:
            dense = [0.0] * self.dimensions
            for index, value in row.items():
                dense[index] = value
            result.append(dense)
        return result

    def stack(self, first: Any, second: Any) -> Any:
        """Two matrices one above the other."""
        if self._np is not None:
            return self._np.vstack([first, second]) if len(first) else second
        return list(first) + list(second)

    def scores(self, matrix: Any, query: Any) -> list[float]:
        """Cosine similarity of the one-row matrix ``query`` with every row of ``matrix``."""
        if self._np is not None:
            if len(matrix) == 0:
                return []
            return (matrix @ query[0]).tolist()
        q = query[0]
        return [_dot(q, row) for row in matrix]


def rank(scores: Sequence[float], k: int) -> list[int]:
    """Positions of the ``k`` best scores, best first; ties (to 9 decimal places) keep position order."""
    order = sorted(range(len(scores)), key=lambda i: (-round(scores[i], 9), i))
    return order[:k]


def _normalized(row: SparseVector) -> SparseVector:
    norm = math.sqrt(sum(v * v for v in row.values()))
    if norm == 0.0:
        return {}
    return {i: v / norm for i, v in row.items() if v != 0.0}


def _dot(a: SparseVector, b: SparseVector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[i] for i, v in a.items() if i in b)
