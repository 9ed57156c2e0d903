"""Few-shot demo-set search: the built-in optimizer module (CPU-bound pure Python, seconds).

It lives in an ``optimizers`` namespace and declares ``@category("optimizer")``, so the .NET router sends
it to the optimizer pool either way.
"""

from __future__ import annotations

import random
import time
from typing import Any, Optional

from ..categories import OPTIMIZER, category
from .fewshot import Example, TopicTask, evaluate

DEFAULT_BUDGET = 2000


@category(OPTIMIZER)
class DemoSearchOptimizer:
    """Searches demo sets for the nearest-demo program, maximising its dev accuracy.

    Random-restart hill climbing over sets of ``num_demos`` demos drawn from the training pool: each step
    swaps one demo for a random pool example and keeps the change when the dev score does not drop; after
    ``patience`` steps without a gain it restarts from a fresh random set. The program is treated as a
    black box, as a DSPy optimizer treats an LM program: every candidate is scored by running it over the
    whole dev set, so the work grows with ``budget`` (candidate sets evaluated) like a real optimizer's.
    """

    def __init__(self, num_demos: int = 24, patience: int = 60) -> None:
        if num_demos < 1:
            raise ValueError(f"num_demos must be at least 1, not {num_demos}")
        if patience < 1:
            raise ValueError(f"patience must be at least 1, not {patience}")
        self.num_demos = num_demos
        self.patience = patience
        self.task = TopicTask()
        if num_demos > len(self.task.pool):
            raise ValueError(f"num_demos must be at most the pool size {len(self.task.pool)}, not {num_demos}")

    def __call__(self, budget: int = DEFAULT_BUDGET, seed: int = 0, max_seconds: Optional[float] = None) -> dict[str, Any]:
        """Runs the search; returns the best demo ids with their dev and test scores and search figures.

        ``budget`` is the number of candidate demo sets to evaluate; ``seed`` makes the search
        reproducible; ``max_seconds`` (optional) stops it early, at the cost of reproducibility.
        """
        if budget < 1:
            raise ValueError(f"budget must be at least 1 candidate evaluation, not {budget}")
        if max_seconds is not None and max_seconds <= 0:
            raise ValueError(f"max_seconds must be positive, not {max_seconds}")
        started = time.perf_counter()
        deadline = None if max_seconds is None else started + max_seconds
        rng = random.Random(seed)
        task = self.task

        baseline = evaluate(task.program([]), task.dev)
        current: list[Example] = []
        current_score = -1.0
        best: list[Example] = []
        best_score = -1.0
        initial_score: Optional[float] = None
        stale = 0
        restarts = 0
        evaluations = 0
        while evaluations < budget and (deadline is None or time.perf_counter() < deadline):
            if not current or stale >= self.patience:
                candidate = rng.sample(task.pool, self.num_demos)
                restarts += 1 if current else 0
                current_score = -1.0
                stale = 0
            else:
                candidate = self._neighbour(current, rng)
            score = evaluate(task.program(candidate), task.dev)
            evaluations += 1
            if initial_score is None:
                initial_score = score
            if score > current_score:
                stale = 0
            else:
                stale += 1
            if score >= current_score:
                current, current_score = candidate, score
            if score > best_score:
                best, best_score = list(candidate), score

        return {
            "score": best_score,
            "test_score": evaluate(task.program(best), task.test),
            "baseline_score": baseline,
            "initial_score": initial_score if initial_score is not None else baseline,
            "demos": [e.id for e in best],
            "demo_labels": [e.label for e in best],
            "evaluations": evaluations,
            "restarts": restarts,
            "seconds": time.perf_counter() - started,
            "budget": budget,
            "seed": seed,
        }

    def score(self, demo_ids: list[str], split: str = "dev") -> float:
        """Accuracy on ``split`` (dev or test) of the program given the pool demos ``demo_ids``."""
        return self.task.score(demo_ids, split)

    def _neighbour(self, current: list[Example], rng: random.Random) -> list[Example]:
        chosen = {e.id for e in current}
        while True:
            replacement = rng.choice(self.task.pool)
            if replacement.id not in chosen:
                break
        neighbour = list(current)
        neighbour[rng.randrange(len(neighbour))] = replacement
        return neighbour
