import unittest

from dspex import bridge
from dspex.errors import ModuleCallError, ModuleCreationError
from dspex.references import example_ref, instance_ref

try:
    import dspy
except ImportError:
    dspy = None

M = "fixtures_modules"


class ReferenceTests(unittest.TestCase):
    def setUp(self) -> None:
        bridge.reset()

    def test_an_instance_reference_passes_the_live_instance(self) -> None:
        accumulator = bridge.create(f"{M}.Accumulator", {"start": 5})
        holder = bridge.create(f"{M}.Holder", {"inner": instance_ref(accumulator)})
        self.assertEqual(bridge.call_instance(holder, method="poke"), 6)
        # The holder drove the same object the session holds, not a copy.
        self.assertEqual(bridge.call_instance(accumulator), 7)

    def test_references_inside_a_top_level_list_are_resolved(self) -> None:
        a = bridge.create(f"{M}.Accumulator", {"start": 1})
        b = bridge.create(f"{M}.Accumulator", {"start": 10})
        self.assertEqual(bridge.call(f"{M}.sum_totals", [[instance_ref(a), instance_ref(b)]]), 11)

    def test_plain_dicts_are_left_alone(self) -> None:
        self.assertEqual(bridge.call(f"{M}.echo", [{"a": 1}], {"b": [{"c": 2}]}), [[{"a": 1}], {"b": [{"c": 2}]}])

    def test_a_reference_to_a_missing_instance_names_module_and_id(self) -> None:
        with self.assertRaises(ModuleCreationError) as caught:
            bridge.create(f"{M}.Holder", {"inner": instance_ref("Accumulator-999")})
        self.assertIn(f"{M}.Holder", str(caught.exception))
        self.assertIn("Accumulator-999", str(caught.exception))
        with self.assertRaises(ModuleCallError):
            bridge.call(f"{M}.echo", [instance_ref("gone-1")])

    @unittest.skipIf(dspy is not None, "dspy is installed for this Python")
    def test_an_example_reference_without_dspy_says_dspy_is_needed(self) -> None:
        with self.assertRaises(ModuleCallError) as caught:
            bridge.call(f"{M}.echo", [[example_ref({"question": "q", "answer": "a"}, ["question"])]])
        self.assertIn("needs dspy", str(caught.exception))

    @unittest.skipIf(dspy is None, "dspy is not installed for this Python")
    def test_an_example_reference_builds_a_dspy_example(self) -> None:
        built = bridge.call(f"{M}.echo", [[example_ref({"question": "q", "answer": "a"}, ["question"])]], plain=False)
        example = built[0][0][0]
        self.assertIsInstance(example, dspy.Example)
        self.assertEqual(set(example.inputs().keys()), {"question"})


if __name__ == "__main__":
    unittest.main()
