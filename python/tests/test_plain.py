import collections
import dataclasses
import enum
import unittest
from typing import NamedTuple

from dspex.errors import PlainDataError
from dspex.plain import to_plain

try:
    import numpy
except ImportError:
    numpy = None

try:
    import dspy
except ImportError:
    dspy = None


class Color(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


@dataclasses.dataclass
class Point:
    x: int
    y: float


class Pair(NamedTuple):
    left: str
    right: int


class RecordLike:
    """Shaped like a DSPy Example/Prediction: its plain form comes from toDict()."""

    def __init__(self, **fields: object) -> None:
        self._store = dict(fields)

    def toDict(self) -> dict:
        return dict(self._store)


class Custom:
    def __dspex_plain__(self) -> dict:
        return {"custom": (1, 2)}


class PlainTests(unittest.TestCase):
    def test_scalars_pass_through(self) -> None:
        for value in (None, True, False, 0, -(2**63), 2**63 - 1, 1.5, "héllo ✓", b"\x00\xff"):
            with self.subTest(value=value):
                converted = to_plain(value)
                self.assertEqual(converted, value)
                self.assertIs(type(converted), type(value))

    def test_containers_become_lists_and_dicts_recursively(self) -> None:
        value = {"a": (1, [2, {3}]), "b": frozenset({"y", "x"}), 5: collections.deque([1]), "r": range(3)}
        self.assertEqual(to_plain(value), {"a": [1, [2, [3]]], "b": ["x", "y"], 5: [1], "r": [0, 1, 2]})

    def test_generators_and_views_become_lists(self) -> None:
        self.assertEqual(to_plain(x * 2 for x in range(3)), [0, 2, 4])
        self.assertEqual(to_plain({"k": 1}.keys()), ["k"])

    def test_bytes_likes_become_bytes(self) -> None:
        self.assertEqual(to_plain(bytearray(b"ab")), b"ab")
        self.assertEqual(to_plain(memoryview(b"cd")), b"cd")

    def test_enums_dataclasses_named_tuples_and_custom_forms(self) -> None:
        self.assertEqual(to_plain(Color.RED), "red")
        self.assertIs(type(to_plain(Level.HIGH)), int)
        self.assertEqual(to_plain(Point(1, 2.5)), {"x": 1, "y": 2.5})
        self.assertEqual(to_plain(Pair("a", 1)), {"left": "a", "right": 1})
        self.assertEqual(to_plain(Custom()), {"custom": [1, 2]})
        self.assertEqual(to_plain({Color.RED: 1, (1, 2): 2}), {"red": 1, "(1, 2)": 2})

    def test_dspy_shaped_records_become_dicts(self) -> None:
        record = RecordLike(question="q", answer=RecordLike(text="a"), scores=(0.5,))
        self.assertEqual(to_plain(record), {"question": "q", "answer": {"text": "a"}, "scores": [0.5]})

    @unittest.skipIf(dspy is None, "dspy is not installed for this Python")
    def test_real_dspy_example_and_prediction_become_dicts(self) -> None:
        example = dspy.Example(question="2+2?", answer="4").with_inputs("question")
        self.assertEqual(to_plain(example), {"question": "2+2?", "answer": "4"})
        prediction = dspy.Prediction(answer="4", reasoning="add")
        self.assertEqual(to_plain(prediction), {"answer": "4", "reasoning": "add"})

    @unittest.skipIf(numpy is None, "numpy is not installed for this Python")
    def test_numpy_arrays_and_scalars_become_lists_and_numbers(self) -> None:
        converted = to_plain({"m": numpy.arange(6, dtype=numpy.float32).reshape(2, 3), "s": numpy.int64(7)})
        self.assertEqual(converted, {"m": [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], "s": 7})
        self.assertIs(type(converted["s"]), int)
        self.assertIs(type(to_plain(numpy.float64(0.25))), float)

    def test_cycles_are_an_error_naming_where(self) -> None:
        looped: list = [1]
        looped.append(looped)
        with self.assertRaises(PlainDataError) as caught:
            to_plain(looped, "pkg.Module")
        self.assertIn("pkg.Module", str(caught.exception))
        self.assertIn("result[1]", str(caught.exception))

    def test_shared_but_acyclic_references_are_fine(self) -> None:
        shared = [1]
        self.assertEqual(to_plain([shared, shared]), [[1], [1]])

    def test_unconvertible_value_error_names_module_type_and_place(self) -> None:
        with self.assertRaises(PlainDataError) as caught:
            to_plain({"ok": 1, "bad": [object()]}, "pkg.Module")
        message = str(caught.exception)
        self.assertTrue(message.startswith("pkg.Module: "), message)
        self.assertIn("result['bad'][0]", message)
        self.assertIn("builtins.object", message)


if __name__ == "__main__":
    unittest.main()
