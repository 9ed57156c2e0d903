import random
import unittest

from dspex.examples import api
from dspex.examples.fewshot import TopicTask, evaluate
from dspex.examples.optimizers import DEFAULT_BUDGET, DemoSearchOptimizer

BUDGET = 300


class DemoSearchOptimizerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.optimizer = DemoSearchOptimizer()
        cls.result = cls.optimizer(budget=BUDGET, seed=7)

    def test_best_score_beats_the_empty_demo_set_and_the_first_random_set(self) -> None:
        result = self.result
        self.assertEqual(result["baseline_score"], 0.0)
        self.assertGreaterEqual(result["score"], result["initial_score"])
        self.assertGreater(result["score"], result["baseline_score"])

    def test_best_score_beats_random_demo_sets_on_average(self) -> None:
        task = self.optimizer.task
        rng = random.Random(123)
        scores = [evaluate(task.program(rng.sample(task.pool, 24)), task.dev) for _ in range(30)]
        self.assertGreater(self.result["score"], sum(scores) / len(scores) + 0.15)
        self.assertGreaterEqual(self.result["score"], max(scores))

    def test_reported_score_is_the_recomputed_accuracy_of_the_reported_demos(self) -> None:
        demos = self.result["demos"]
        self.assertEqual(len(demos), 24)
        self.assertEqual(len(set(demos)), 24)
        fresh = TopicTask()
        self.assertEqual(fresh.score(demos, "dev"), self.result["score"])
        self.assertEqual(fresh.score(demos, "test"), self.result["test_score"])
        # Independently: count the dev examples whose nearest demo carries their label.
        program = fresh.program(fresh.demos_by_id(demos))
        correct = sum(1 for e in fresh.dev if program.predict(e) == e.label)
        self.assertEqual(correct / len(fresh.dev), self.result["score"])

    def test_same_seed_reproduces_the_search_and_other_seeds_explore_elsewhere(self) -> None:
        again = self.optimizer(budget=BUDGET, seed=7)
        for key in ("score", "test_score", "demos", "evaluations", "restarts", "initial_score"):
            self.assertEqual(again[key], self.result[key], key)
        other = self.optimizer(budget=BUDGET, seed=8)
        self.assertNotEqual(other["demos"], self.result["demos"])

    def test_budget_counts_candidate_evaluations_and_more_budget_never_scores_lower(self) -> None:
        self.assertEqual(self.result["evaluations"], BUDGET)
        small = self.optimizer(budget=20, seed=7)
        self.assertEqual(small["evaluations"], 20)
        # The search with the larger budget extends the same trajectory, so its best cannot be worse.
        self.assertGreaterEqual(self.result["score"], small["score"])

    def test_demos_with_one_label_score_no_more_than_that_label_s_share(self) -> None:
        task = self.optimizer.task
        cooking = [e.id for e in task.pool if e.label == "cooking"]
        share = sum(1 for e in task.dev if e.label == "cooking") / len(task.dev)
        self.assertLessEqual(task.score(cooking), share)
        self.assertGreater(task.score(cooking), 0.0)

    def test_max_seconds_stops_the_search_early(self) -> None:
        quick = self.optimizer(budget=10**9, seed=0, max_seconds=0.2)
        self.assertLess(quick["evaluations"], 10**9)
        self.assertLess(quick["seconds"], 5.0)

    def test_bad_arguments_are_rejected_naming_them(self) -> None:
        with self.assertRaisesRegex(ValueError, "budget"):
            self.optimizer(budget=0)
        with self.assertRaisesRegex(ValueError, "max_seconds"):
            self.optimizer(budget=1, max_seconds=0)
        with self.assertRaisesRegex(ValueError, "num_demos"):
            DemoSearchOptimizer(num_demos=0)
        with self.assertRaisesRegex(ValueError, "num_demos"):
            DemoSearchOptimizer(num_demos=1000)
        with self.assertRaisesRegex(KeyError, "nope"):
            self.optimizer.score(["nope"])

    def test_api_optimize_returns_numeric_figures_and_matches_the_module(self) -> None:
        figures = api.optimize(budget=50, seed=3)
        module = DemoSearchOptimizer()(budget=50, seed=3)
        self.assertEqual(figures["score"], module["score"])
        self.assertEqual(figures["evaluations"], 50.0)
        self.assertTrue(all(isinstance(v, float) for v in figures.values()))
        self.assertEqual(api.optimize_demos(budget=50, seed=3), module["demos"])
        self.assertEqual(api.demo_score(module["demos"]), module["score"])

    def test_api_default_budget_is_the_module_default(self) -> None:
        import inspect

        self.assertEqual(inspect.signature(api.optimize).parameters["budget"].default, DEFAULT_BUDGET)
        self.assertEqual(inspect.signature(api.optimize_demos).parameters["budget"].default, DEFAULT_BUDGET)


if __name__ == "__main__":
    unittest.main()
