import json
import subprocess
import sys
import unittest
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dspex.examples", *args], capture_output=True, text=True, cwd=PYTHON_DIR, timeout=120
    )


class CliTests(unittest.TestCase):
    def test_runs_a_function_with_a_plain_string_argument(self) -> None:
        done = run("normalize", "  Héllo   Wörld ")
        self.assertEqual(done.returncode, 0, done.stderr)
        output = json.loads(done.stdout)
        self.assertEqual(output["result"], "hello world")
        self.assertEqual(output["module"], "dspex.examples.api.normalize")
        self.assertEqual(output["category"], "general")

    def test_keyword_arguments_as_a_json_object(self) -> None:
        done = run("retrieve_ids", '{"query": "why does dough rise with yeast", "k": 2}')
        self.assertEqual(done.returncode, 0, done.stderr)
        output = json.loads(done.stdout)
        self.assertEqual(output["result"][0], "bread_baking")
        self.assertEqual(output["category"], "neural")

    def test_optimizer_run_prints_its_figures(self) -> None:
        done = run("optimize", '{"budget": 40, "seed": 2}')
        self.assertEqual(done.returncode, 0, done.stderr)
        output = json.loads(done.stdout)
        self.assertEqual(output["category"], "optimizer")
        self.assertEqual(output["result"]["evaluations"], 40.0)
        self.assertGreater(output["result"]["score"], output["result"]["baseline_score"])

    def test_list_names_every_function_with_its_category(self) -> None:
        done = run("list")
        self.assertEqual(done.returncode, 0, done.stderr)
        listing = {entry["name"]: entry for entry in json.loads(done.stdout)}
        self.assertEqual(listing["embed"]["category"], "neural")
        self.assertEqual(listing["optimize"]["category"], "optimizer")
        self.assertIn("-> 'list[str]'", listing["retrieve"]["signature"])

    def test_unknown_function_is_a_usage_error(self) -> None:
        done = run("nonexistent")
        self.assertEqual(done.returncode, 2)
        self.assertIn("unknown function 'nonexistent'", done.stderr)

    def test_bad_arguments_fail_naming_the_module(self) -> None:
        done = run("keywords", '{"txt": "x"}')
        self.assertEqual(done.returncode, 1)
        self.assertIn("dspex.examples.api.keywords: bad arguments", done.stderr)

    def test_no_arguments_prints_usage_and_fails(self) -> None:
        done = run()
        self.assertEqual(done.returncode, 2)
        self.assertIn("python3 -m dspex.examples NAME", done.stdout)


if __name__ == "__main__":
    unittest.main()
