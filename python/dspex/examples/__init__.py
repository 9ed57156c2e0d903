"""Built-in example modules that run without DSPy and do real work on bundled data.

| module path                                         | category  | what it does                           |
| --------------------------------------------------- | --------- | -------------------------------------- |
| ``dspex.examples.optimizers.DemoSearchOptimizer``   | optimizer | few-shot demo-set search (seconds)     |
| ``dspex.examples.embeddings.HashingEmbedder``       | neural    | hashing-trick text vectors             |
| ``dspex.examples.retrieval.CorpusRetriever``        | neural    | top-k cosine retrieval over a corpus   |
| ``dspex.examples.text.TextNormalizer`` and friends  | general   | normalise, keywords, summarise, classify |

``dspex.examples.api`` exposes them as typed functions; ``python3 -m dspex.examples`` runs them.
"""

#: Every built-in module class with the category it declares.
MODULES: dict[str, str] = {
    "dspex.examples.optimizers.DemoSearchOptimizer": "optimizer",
    "dspex.examples.embeddings.HashingEmbedder": "neural",
    "dspex.examples.retrieval.CorpusRetriever": "neural",
    "dspex.examples.text.TextNormalizer": "general",
    "dspex.examples.text.KeywordExtractor": "general",
    "dspex.examples.text.ExtractiveSummarizer": "general",
    "dspex.examples.text.TopicClassifier": "general",
}
