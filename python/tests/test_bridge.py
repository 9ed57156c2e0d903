import threading
import unittest

from dspex import bridge
from dspex.errors import (
    BridgeError,
    ModuleCallError,
    ModuleCreationError,
    ModuleResolutionError,
    PlainDataError,
    UnknownInstanceError,
)

import fixtures_modules

M = "fixtures_modules"


class ResolveTests(unittest.TestCase):
    def setUp(self) -> None:
        bridge.reset()

    def test_resolves_module_attribute_and_nested_attribute(self) -> None:
        self.assertIs(bridge.resolve(f"{M}.Accumulator"), fixtures_modules.Accumulator)
        self.assertIs(bridge.resolve(f"{M}.Accumulator.reset"), fixtures_modules.Accumulator.reset)
        import os.path

        self.assertIs(bridge.resolve("os.path.join"), os.path.join)

    def test_missing_module_error_names_the_path(self) -> None:
        with self.assertRaises(ModuleResolutionError) as caught:
            bridge.resolve("no_such_package_xyz.sub.Module")
        message = str(caught.exception)
        self.assertTrue(message.startswith("no_such_package_xyz.sub.Module: "), message)
        self.assertIn("no module named 'no_such_package_xyz'", message)
        self.assertEqual(caught.exception.module_path, "no_such_package_xyz.sub.Module")
        self.assertIsInstance(caught.exception.__cause__, ModuleNotFoundError)

    def test_missing_attribute_error_names_the_owner_and_suggests(self) -> None:
        with self.assertRaises(ModuleResolutionError) as caught:
            bridge.resolve(f"{M}.Acumulator")
        message = str(caught.exception)
        self.assertIn(f"{M}.Acumulator", message)
        self.assertIn(f"'{M}' has no attribute 'Acumulator'", message)
        self.assertIn("'Accumulator'", message)

    def test_missing_dependency_inside_a_module_is_reported_as_such(self) -> None:
        with self.assertRaises(ModuleResolutionError) as caught:
            bridge.resolve("fixtures_broken_import.Thing")
        self.assertIn("importing 'fixtures_broken_import' failed", str(caught.exception))
        self.assertIn("not_installed_dependency_xyz", str(caught.exception))

    def test_malformed_paths_are_rejected(self) -> None:
        for path in ("", "   ", "a..b", "a.b-c", "1abc"):
            with self.subTest(path=path), self.assertRaises(ModuleResolutionError):
                bridge.resolve(path)


class CreateAndCallTests(unittest.TestCase):
    def setUp(self) -> None:
        bridge.reset()

    def test_stateful_instance_keeps_state_between_calls(self) -> None:
        iid = bridge.create(f"{M}.Accumulator", {"start": 10, "step": 5})
        self.assertTrue(iid.startswith("Accumulator-"))
        self.assertEqual(bridge.call_instance(iid), 15)
        self.assertEqual(bridge.call_instance(iid, [2]), 25)
        self.assertEqual(bridge.call_instance(iid, kwargs={"times": 3}), 40)
        self.assertEqual(bridge.call_instance(iid, method="reset", kwargs={"to": 1}), 1)
        self.assertEqual(bridge.call_instance(iid), 6)
        self.assertEqual(bridge.instance_path(iid), f"{M}.Accumulator")

    def test_instances_are_independent_and_listed_until_destroyed(self) -> None:
        a = bridge.create(f"{M}.Accumulator")
        b = bridge.create(f"{M}.Accumulator", {"step": 100})
        self.assertNotEqual(a, b)
        bridge.call_instance(a)
        self.assertEqual(bridge.call_instance(b), 100)
        self.assertEqual([i["id"] for i in bridge.instances()], [a, b])
        self.assertTrue(bridge.destroy(a))
        self.assertFalse(bridge.destroy(a))
        self.assertEqual([i["id"] for i in bridge.instances()], [b])
        with self.assertRaises(UnknownInstanceError) as caught:
            bridge.call_instance(a)
        self.assertIn(a, str(caught.exception))

    def test_call_function_with_positional_and_keyword_arguments(self) -> None:
        self.assertEqual(bridge.call(f"{M}.plain_function", [1]), 3)
        self.assertEqual(bridge.call(f"{M}.plain_function", [1, 4], {"scale": 10}), 50)

    def test_call_on_a_class_uses_one_shared_default_instance(self) -> None:
        before = fixtures_modules.Counter.constructed
        first = bridge.call(f"{M}.Counter")
        second = bridge.call(f"{M}.Counter")
        self.assertEqual(first, before + 1)
        self.assertEqual(second, before + 1)

    def test_bad_constructor_kwargs_error_names_path_and_signature(self) -> None:
        with self.assertRaises(ModuleCreationError) as caught:
            bridge.create(f"{M}.Accumulator", {"begin": 3})
        message = str(caught.exception)
        self.assertTrue(message.startswith(f"{M}.Accumulator: bad arguments for its constructor"), message)
        self.assertIn("begin", message)
        self.assertIn("start: 'int' = 0", message)

    def test_failing_constructor_error_names_path_and_chains_cause(self) -> None:
        with self.assertRaises(ModuleCreationError) as caught:
            bridge.create(f"{M}.BrokenConstructor", {"size": 3})
        self.assertIn(f"{M}.BrokenConstructor: construction failed: RuntimeError: no room for 3", str(caught.exception))
        self.assertIsInstance(caught.exception.__cause__, RuntimeError)

    def test_creating_a_non_callable_is_an_error(self) -> None:
        with self.assertRaises(ModuleCreationError) as caught:
            bridge.create(f"{M}.NOT_CALLABLE")
        self.assertIn(f"{M}.NOT_CALLABLE", str(caught.exception))

    def test_bad_call_arguments_error_names_path(self) -> None:
        with self.assertRaises(ModuleCallError) as caught:
            bridge.call(f"{M}.plain_function", [1, 2, 3])
        self.assertIn(f"{M}.plain_function: bad arguments for its call", str(caught.exception))

    def test_exception_inside_module_is_wrapped_with_path_and_cause(self) -> None:
        with self.assertRaises(ModuleCallError) as caught:
            bridge.call(f"{M}.Failing", ["abc"])
        self.assertEqual(str(caught.exception), f"{M}.Failing: ValueError: cannot handle 'abc'")
        self.assertIsInstance(caught.exception.__cause__, ValueError)

    def test_type_error_inside_a_well_bound_call_is_not_called_bad_arguments(self) -> None:
        with self.assertRaises(ModuleCallError) as caught:
            bridge.call(f"{M}.TypeErrorInside", [1])
        self.assertNotIn("bad arguments", str(caught.exception))
        self.assertIn("TypeError", str(caught.exception))

    def test_unknown_or_private_method_errors_name_the_instance_module(self) -> None:
        iid = bridge.create(f"{M}.Accumulator")
        with self.assertRaises(ModuleCallError) as caught:
            bridge.call_instance(iid, method="rest")
        self.assertIn(f"{M}.Accumulator.rest", str(caught.exception))
        self.assertIn("'reset'", str(caught.exception))
        with self.assertRaises(ModuleCallError):
            bridge.call_instance(iid, method="__init__")

    def test_unconvertible_output_error_names_path(self) -> None:
        with self.assertRaises(PlainDataError) as caught:
            bridge.call(f"{M}.returns_unconvertible")
        self.assertIn(f"{M}.returns_unconvertible", str(caught.exception))
        self.assertIsNotNone(bridge.call(f"{M}.returns_unconvertible", plain=False))

    def test_every_bridge_error_is_a_bridge_error(self) -> None:
        for error in (ModuleCallError, ModuleCreationError, ModuleResolutionError, PlainDataError, UnknownInstanceError):
            self.assertTrue(issubclass(error, BridgeError))

    def test_concurrent_creates_give_unique_ids(self) -> None:
        ids: list[str] = []
        lock = threading.Lock()

        def work() -> None:
            made = [bridge.create(f"{M}.Accumulator") for _ in range(200)]
            with lock:
                ids.extend(made)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(len(ids), 1600)
        self.assertEqual(len(set(ids)), 1600)
        self.assertEqual(len(bridge.instances()), 1600)

    def test_describe_reports_kind_category_and_typed_parameters(self) -> None:
        described = bridge.describe("dspex.examples.retrieval.CorpusRetriever")
        self.assertEqual(described["kind"], "class")
        self.assertEqual(described["category"], "neural")
        self.assertIn({"name": "k", "kind": "positional_or_keyword", "type": "int", "default": "3"}, described["init"])
        self.assertEqual(described["call"][0]["name"], "query")
        function = bridge.describe(f"{M}.plain_function")
        self.assertEqual(function["kind"], "function")
        self.assertIsNone(function["category"])
        self.assertEqual([p["name"] for p in function["call"]], ["a", "b", "scale"])

    def test_builtin_example_through_the_bridge_returns_plain_data(self) -> None:
        iid = bridge.create("dspex.examples.retrieval.CorpusRetriever", {"k": 2})
        result = bridge.call_instance(iid, ["why does bread dough rise"])
        self.assertEqual(set(result), {"passages", "ids", "scores", "backend"})
        self.assertEqual(result["ids"][0], "bread_baking")
        self.assertEqual(len(result["passages"]), 2)
        self.assertTrue(all(isinstance(s, float) for s in result["scores"]))


if __name__ == "__main__":
    unittest.main()
