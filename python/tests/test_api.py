"""The typed surface the C# source generator reads: every public function and method is annotated
with the plain hint vocabulary the generator maps to C# types."""

import ast
import inspect
import re
import unittest
from pathlib import Path

from dspex.examples import api

PACKAGE = Path(__file__).resolve().parents[1] / "dspex"
EXAMPLES = PACKAGE / "examples"
TYPED_FILES = ["api.py", "optimizers.py", "embeddings.py", "retrieval.py", "text.py", "fewshot.py", "datasets.py"]

_ATOMS = {"int", "float", "str", "bytes", "bool", "None", "Any"}
_GENERICS = {"list", "dict", "tuple", "Optional"}
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z_0-9.]*|[\[\], ]|\.\.\.")


def plain_hint(text: str, extra: frozenset = frozenset()) -> bool:
    """Whether ``text`` uses only the plain hint vocabulary (plus names in ``extra``)."""
    tokens = [t for t in _TOKEN.findall(text) if t.strip()]
    if "".join(tokens) != text.replace(" ", ""):
        return False
    names = [t for t in tokens if t not in "[],"]
    return all(n in _ATOMS or n in _GENERICS or n in extra or n == "..." for n in names)


def public_defs(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node.name, node
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (not item.name.startswith("_") or item.name in ("__init__", "__call__")):
                    yield f"{node.name}.{item.name}", item


class ApiSurfaceTests(unittest.TestCase):
    def test_api_functions_use_only_plain_hints_without_any(self) -> None:
        for name, node in public_defs(EXAMPLES / "api.py"):
            with self.subTest(function=name):
                self.assertIsNotNone(node.returns, "return hint missing")
                hints = [ast.unparse(a.annotation) for a in node.args.args if a.annotation is not None]
                self.assertEqual(len(hints), len(node.args.args), "a parameter has no hint")
                for hint in hints + [ast.unparse(node.returns)]:
                    self.assertTrue(plain_hint(hint) and "Any" not in hint, hint)

    def test_api_function_signatures_fit_on_one_line_for_the_generator(self) -> None:
        for line in (EXAMPLES / "api.py").read_text(encoding="utf-8").splitlines():
            if line.startswith("def "):
                self.assertTrue(line.rstrip().endswith(":"), line)

    def test_every_public_function_and_method_of_the_examples_is_annotated(self) -> None:
        own_types = frozenset({"Example", "NearestDemoProgram", "Sequence", "SparseVector", "frozenset"})
        for file in TYPED_FILES:
            for name, node in public_defs(EXAMPLES / file):
                with self.subTest(file=file, function=name):
                    params = [a for a in node.args.args + node.args.kwonlyargs if a.arg != "self"]
                    self.assertTrue(all(a.annotation is not None for a in params), "a parameter has no hint")
                    self.assertIsNotNone(node.returns, "return hint missing")
                    for hint in [ast.unparse(a.annotation) for a in params] + [ast.unparse(node.returns)]:
                        self.assertTrue(plain_hint(hint, own_types), hint)

    def test_bridge_functions_are_annotated(self) -> None:
        for file in ("bridge.py", "categories.py", "plain.py", "instances.py", "references.py", "errors.py"):
            for name, node in public_defs(PACKAGE / file):
                with self.subTest(file=file, function=name):
                    params = [a for a in node.args.args if a.arg != "self"]
                    self.assertTrue(all(a.annotation is not None for a in params), "a parameter has no hint")
                    self.assertIsNotNone(node.returns, "return hint missing")

    def test_api_results_have_the_annotated_types(self) -> None:
        self.assertIsInstance(api.normalize("A"), str)
        self.assertTrue(all(isinstance(w, str) for w in api.keywords("rockets reach orbit")))
        vectors = api.embed(["a rocket", "a boat"])
        self.assertTrue(all(isinstance(x, float) for v in vectors for x in v))
        self.assertIsInstance(api.similarity("a rocket", "rockets"), float)
        self.assertTrue(all(isinstance(p, str) for p in api.retrieve("rocket", 2)))
        self.assertTrue(all(isinstance(k, str) and isinstance(v, float) for k, v in api.classify_scores("x").items()))

    def test_concurrent_calls_from_many_threads_agree_with_sequential_ones(self) -> None:
        import threading

        queries = ["how do bees pollinate flowers", "fast way to find a value in a sorted list", "loan to buy a house"]
        expected = [(api.retrieve_ids(q, 3), api.classify(q), api.normalize(q.upper())) for q in queries]
        failures: list[str] = []

        def work() -> None:
            for _ in range(30):
                for q, want in zip(queries, expected):
                    got = (api.retrieve_ids(q, 3), api.classify(q), api.normalize(q.upper()))
                    if got != want:
                        failures.append(f"{q}: {got} != {want}")

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(failures, [])

    def test_api_defaults_match_the_signatures(self) -> None:
        self.assertEqual(inspect.signature(api.retrieve).parameters["k"].default, 3)
        self.assertEqual(len(api.retrieve("rocket")), 3)


if __name__ == "__main__":
    unittest.main()
