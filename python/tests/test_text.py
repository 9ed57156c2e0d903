import unittest

from dspex.examples import api, datasets
from dspex.examples.text import ExtractiveSummarizer, KeywordExtractor, TextNormalizer, TopicClassifier


class NormalizerTests(unittest.TestCase):
    def test_folds_case_accents_compatibility_forms_and_whitespace(self) -> None:
        self.assertEqual(api.normalize("  Héllo\u00a0\t WÖRLD  ﬁne\n"), "hello world fine")

    def test_options_keep_case_or_accents(self) -> None:
        self.assertEqual(TextNormalizer(lowercase=False)("  Héllo  Wörld "), "Hello World")
        self.assertEqual(TextNormalizer(strip_accents=False)("  Héllo  WÖRLD "), "héllo wörld")
        self.assertEqual(TextNormalizer(lowercase=False, strip_accents=False)(" Ünï  "), "Ünï")

    def test_rejects_non_text(self) -> None:
        with self.assertRaisesRegex(TypeError, "text must be a str"):
            TextNormalizer()(3)  # type: ignore[arg-type]


class KeywordTests(unittest.TestCase):
    def test_frequent_rare_words_come_first_and_stopwords_never(self) -> None:
        text = "The compiler reported an error. The compiler then crashed, and the error was logged."
        found = api.keywords(text, 3)
        self.assertEqual(found[0], "compiler")
        self.assertIn("error", found)
        self.assertNotIn("the", api.keywords(text, 20))

    def test_k_bounds(self) -> None:
        self.assertEqual(len(api.keywords("alpha beta gamma delta epsilon zeta", 4)), 4)
        self.assertEqual(api.keywords("", 3), [])
        with self.assertRaisesRegex(ValueError, "k must be"):
            KeywordExtractor(k=0)


class SummarizerTests(unittest.TestCase):
    def test_keeps_the_central_sentences_in_order(self) -> None:
        text = (
            "Solar panels turn sunlight into electricity. My neighbour owns a red bicycle. "
            "Panels facing the sun produce the most electricity. Electricity from solar panels is cheap."
        )
        summary = api.summarize(text, 2)
        self.assertNotIn("bicycle", summary)
        parts = ExtractiveSummarizer.split(summary)
        self.assertEqual(len(parts), 2)
        self.assertLess(text.index(parts[0]), text.index(parts[1]))

    def test_short_texts_come_back_whole(self) -> None:
        self.assertEqual(api.summarize("One sentence only.", 3), "One sentence only.")
        self.assertEqual(api.summarize("", 1), "")


class ClassifierTests(unittest.TestCase):
    def test_held_out_accuracy_is_well_above_chance(self) -> None:
        classifier = TopicClassifier()
        test = datasets.topics("test")
        accuracy = sum(classifier(r["text"])["label"] == r["label"] for r in test) / len(test)
        # Measured 0.67 on the 48 held-out sentences; chance is 1/8.
        self.assertGreaterEqual(accuracy, 0.6)

    def test_scores_are_a_distribution_and_match_the_label(self) -> None:
        scores = api.classify_scores("the goalkeeper saved a penalty in the football match")
        self.assertEqual(set(scores), set(datasets.topic_labels()))
        self.assertAlmostEqual(sum(scores.values()), 1.0, places=12)
        self.assertEqual(max(scores, key=scores.get), "sports")
        self.assertEqual(api.classify("the goalkeeper saved a penalty in the football match"), "sports")

    def test_text_with_no_known_words_falls_back_to_the_prior(self) -> None:
        scores = api.classify_scores("zzzz qqqq")
        self.assertAlmostEqual(max(scores.values()), min(scores.values()), places=12)


if __name__ == "__main__":
    unittest.main()
