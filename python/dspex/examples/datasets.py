"""The small datasets bundled in ``python/data``: a topic-classification set, a retrieval corpus and
held-out retrieval queries. Written for this project; nothing is downloaded."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Optional

#: Where the bundled files live; ``DSPEX_DATA`` points elsewhere (for example an installed copy).
DATA_DIR = Path(os.environ.get("DSPEX_DATA") or Path(__file__).resolve().parents[2] / "data")

SPLITS = ("train", "dev", "test")


def topics(split: Optional[str] = None) -> list[dict[str, str]]:
    """Labelled sentences ``{"id", "label", "split", "text"}``; ``split`` keeps one of train/dev/test."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    rows = _load("topics.jsonl")
    return [dict(r) for r in rows if split is None or r["split"] == split]


def topic_labels() -> list[str]:
    """The distinct labels of the topic set, sorted."""
    return sorted({r["label"] for r in _load("topics.jsonl")})


def corpus() -> list[dict[str, str]]:
    """Retrieval documents ``{"id", "title", "text"}``."""
    return [dict(r) for r in _load("corpus.jsonl")]


def queries() -> list[dict[str, str]]:
    """Held-out retrieval queries ``{"query", "relevant"}``; ``relevant`` is a corpus document id."""
    return [dict(r) for r in _load("queries.jsonl")]


@functools.lru_cache(maxsize=None)
def _load(name: str) -> tuple[dict[str, str], ...]:
    path = DATA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(
            f"bundled dataset {name} not found at {path}; set DSPEX_DATA to the folder holding it"
        )
    with path.open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())
