import fnmatch
import unittest

import dspex
from dspex import bridge
from dspex.categories import category, declared_category, validate_category
from dspex.errors import BridgeError, ModuleResolutionError
from dspex.examples import MODULES, api

import fixtures_modules

M = "fixtures_modules"

# The .NET side's default name rules (src/Dspex.Scheduler/Routing/RoutingOptions.cs), restated so that a
# renamed example module that would no longer route by name alone is caught here. Declared categories
# take precedence over these in the router; this checks the names agree with the declarations anyway.
OPTIMIZER_PATTERNS = ("MIPRO*", "COPRO", "GEPA", "SIMBA", "BootstrapFewShot*", "BootstrapFinetune", "KNNFewShot", "BetterTogether", "Ensemble")
OPTIMIZER_NAMESPACES = ("teleprompt", "optimizers")
NEURAL_PATTERNS = ("ColBERT*", "*Embed*", "*Retriev*", "*Rerank*")


def route_by_name(path: str) -> str:
    *namespaces, last = path.lower().split(".")
    if any(fnmatch.fnmatchcase(last, p.lower()) for p in OPTIMIZER_PATTERNS) or any(
        n in namespaces for n in OPTIMIZER_NAMESPACES
    ):
        return "optimizer"
    if any(fnmatch.fnmatchcase(last, p.lower()) for p in NEURAL_PATTERNS):
        return "neural"
    return "general"


class DeclarationTests(unittest.TestCase):
    def setUp(self) -> None:
        bridge.reset()

    def test_decorator_sets_the_attribute_on_classes_and_functions(self) -> None:
        self.assertEqual(fixtures_modules.DeclaredNeural.__dspex_category__, "neural")
        self.assertEqual(declared_category(fixtures_modules.declared_function), "optimizer")

    def test_subclasses_and_instances_and_bound_methods_inherit_it(self) -> None:
        self.assertEqual(declared_category(fixtures_modules.InheritsNeural), "neural")
        self.assertEqual(declared_category(fixtures_modules.DeclaredNeural()), "neural")
        self.assertEqual(declared_category(fixtures_modules.DeclaredNeural().__call__), "neural")

    def test_class_attribute_declaration_is_case_insensitive(self) -> None:
        self.assertEqual(declared_category(fixtures_modules.AttributeDeclared), "optimizer")

    def test_undeclared_is_none(self) -> None:
        self.assertIsNone(declared_category(fixtures_modules.Accumulator))
        self.assertIsNone(bridge.category_of(f"{M}.plain_function"))
        self.assertIsNone(bridge.category_of("os.path.join"))

    def test_unknown_category_is_rejected_naming_it(self) -> None:
        with self.assertRaises(ValueError) as caught:
            category("gpu")
        self.assertIn("'gpu'", str(caught.exception))
        self.assertIn("optimizer, neural, general", str(caught.exception))
        with self.assertRaises(TypeError):
            validate_category(3)  # type: ignore[arg-type]

    def test_invalid_declared_value_is_a_bridge_error_naming_the_path(self) -> None:
        with self.assertRaises(BridgeError) as caught:
            bridge.category_of(f"{M}.BadDeclaration")
        self.assertIn(f"{M}.BadDeclaration", str(caught.exception))
        self.assertIn("gpu-ish", str(caught.exception))

    def test_lookup_by_path(self) -> None:
        self.assertEqual(bridge.category_of(f"{M}.DeclaredNeural"), "neural")
        self.assertEqual(bridge.category_of(f"{M}.declared_function"), "optimizer")

    def test_unresolvable_path_raises_unless_missing_ok(self) -> None:
        with self.assertRaises(ModuleResolutionError):
            bridge.category_of("no_such_package_xyz.Module")
        self.assertIsNone(bridge.category_of("no_such_package_xyz.Module", missing_ok=True))

    def test_registered_category_overrides_code_and_needs_no_import(self) -> None:
        bridge.register_category("some_uninstalled_pkg.ColBERTv2", "neural")
        self.assertEqual(bridge.category_of("some_uninstalled_pkg.ColBERTv2"), "neural")
        bridge.register_category(f"{M}.DeclaredNeural", "general")
        self.assertEqual(bridge.category_of(f"{M}.DeclaredNeural"), "general")
        self.assertTrue(bridge.unregister_category(f"{M}.DeclaredNeural"))
        self.assertEqual(bridge.category_of(f"{M}.DeclaredNeural"), "neural")
        with self.assertRaises(ValueError):
            bridge.register_category(f"{M}.DeclaredNeural", "fast")

    def test_package_exports(self) -> None:
        self.assertEqual(dspex.CATEGORIES, ("optimizer", "neural", "general"))


class BuiltinCategoryTests(unittest.TestCase):
    def test_every_builtin_module_declares_its_category(self) -> None:
        for path, expected in MODULES.items():
            with self.subTest(path=path):
                self.assertEqual(bridge.category_of(path), expected)

    def test_builtin_module_names_route_to_their_declared_pool_by_name_alone(self) -> None:
        for path, expected in MODULES.items():
            with self.subTest(path=path):
                self.assertEqual(route_by_name(path), expected)

    def test_every_api_function_declares_a_category(self) -> None:
        expected = {
            "optimize": "optimizer",
            "optimize_demos": "optimizer",
            "embed": "neural",
            "similarity": "neural",
            "retrieve": "neural",
            "retrieve_ids": "neural",
            "vector_backend": "neural",
        }
        from dspex.examples.__main__ import functions

        for name in functions():
            with self.subTest(name=name):
                self.assertEqual(bridge.category_of(f"dspex.examples.api.{name}"), expected.get(name, "general"))

    def test_routing_name_rules_restated_here_behave_like_the_documented_ones(self) -> None:
        self.assertEqual(route_by_name("dspy.teleprompt.MIPROv2"), "optimizer")
        self.assertEqual(route_by_name("dspy.BootstrapFewShotWithRandomSearch"), "optimizer")
        self.assertEqual(route_by_name("dspy.ColBERTv2"), "neural")
        self.assertEqual(route_by_name("dspy.retrievers.Embeddings"), "neural")
        self.assertEqual(route_by_name("dspy.ChainOfThought"), "general")
        # api.optimize's name alone would route to general: its declaration is what sends it right.
        self.assertEqual(route_by_name("dspex.examples.api.optimize"), "general")
        self.assertEqual(bridge.category_of("dspex.examples.api.optimize"), "optimizer")
        self.assertEqual(api.optimize.__dspex_category__, "optimizer")


if __name__ == "__main__":
    unittest.main()
