using System.Text.Json.Nodes;
using Dspex.Pipelines;

namespace Dspex.Cli;

/// <summary>The demo's three kinds of work, each a set of one-step pipelines over the built-in Python modules.</summary>
internal static class Workload
{
    public const string General = "general";
    public const string Neural = "neural";
    public const string Optimizer = "optimizer";

    public static readonly string[] All = [General, Neural, Optimizer];

    private static readonly string[] Texts =
    [
        "The striker scored twice in the final minutes of the cup match.",
        "Researchers measured how the enzyme folds at low temperature.",
        "The central bank raised interest rates to slow inflation.",
        "A new graphics card doubles the frame rate of older games.",
        "  Café   owners   in   Zürich  reported a busy   season.  ",
    ];

    /// <summary>General queries: normalize, classify, keywords, summarize (declared general).</summary>
    public static IReadOnlyList<Pipeline> GeneralQueries { get; } =
    [
        Single("normalize", "dspex.examples.api.normalize", ["$input"]),
        Single("classify", "dspex.examples.api.classify", ["$input"]),
        Single("keywords", "dspex.examples.api.keywords", ["$input"], new JsonObject { ["k"] = 3 }),
        Single("summarize", "dspex.examples.api.summarize", ["$input"], new JsonObject { ["sentences"] = 1 }),
    ];

    /// <summary>Neural queries: embed and retrieve over the bundled corpus (declared neural).</summary>
    public static IReadOnlyList<Pipeline> NeuralQueries { get; } =
    [
        Single("embed", "dspex.examples.api.embed", [new JsonArray("$input")]),
        Single("retrieve", "dspex.examples.api.retrieve", ["$input"], new JsonObject { ["k"] = 3 }),
    ];

    /// <summary>One DemoSearchOptimizer run (declared optimizer; its name matches no optimizer rule).</summary>
    public static Pipeline OptimizerRun(int budget) =>
        Single("optimize", "dspex.examples.api.optimize", [], new JsonObject { ["budget"] = budget, ["seed"] = "$input" });

    public static JsonNode Text(int i) => JsonValue.Create(Texts[i % Texts.Length]);

    private static Pipeline Single(string name, string module, JsonArray args, JsonObject? kwargs = null) =>
        new(name, [new PythonStep(name, module) { Args = args, Kwargs = kwargs }]);
}
