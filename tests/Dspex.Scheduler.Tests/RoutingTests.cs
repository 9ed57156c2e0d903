using Dspex.Scheduler;

namespace Dspex.Scheduler.Tests;

public sealed class RoutingTests
{
    private static Router DefaultRouter() => new(new RoutingOptions());

    [Theory]
    [InlineData("dspy.teleprompt.MIPROv2", "optimizer")]
    [InlineData("dspy.teleprompt.COPRO", "optimizer")]
    [InlineData("GEPA", "optimizer")]
    [InlineData("dspy.SIMBA", "optimizer")]
    [InlineData("dspy.BootstrapFewShotWithRandomSearch", "optimizer")]
    [InlineData("dspy.BootstrapFinetune", "optimizer")]
    [InlineData("dspy.KNNFewShot", "optimizer")]
    [InlineData("dspy.BetterTogether", "optimizer")]
    [InlineData("dspy.Ensemble", "optimizer")]
    [InlineData("mylib.optimizers.Anything", "optimizer")]
    [InlineData("colbert.Searcher", "neural")]
    [InlineData("dspy.ColBERTv2", "neural")]
    [InlineData("dspex.examples.HashEmbedder", "neural")]
    [InlineData("sentence.Embedding", "neural")]
    [InlineData("dspy.Retrieve", "neural")]
    [InlineData("x.CrossEncoderReranker", "neural")]
    [InlineData("dspy.Predict", "general")]
    [InlineData("dspy.ChainOfThought", "general")]
    [InlineData("mipro", "optimizer")]
    public void Default_rules_route_known_modules(string module, string pool)
        => Assert.Equal(pool, DefaultRouter().RouteByRules(module, null));

    [Fact]
    public void Declared_category_overrides_name_rules()
        => Assert.Equal("neural", DefaultRouter().RouteByRules("dspy.teleprompt.MIPROv2", "Neural"));

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("ABC", "abc", true)]
    [InlineData("abcd", "abc", false)]
    [InlineData("HashEmbedder", "*Embed*", true)]
    [InlineData("Embed", "*Embed*", true)]
    [InlineData("Embe", "*Embed*", false)]
    [InlineData("MIPROv2", "MIPRO*", true)]
    [InlineData("xMIPRO", "MIPRO*", false)]
    [InlineData("aXbXc", "a*b*c", true)]
    [InlineData("", "*", true)]
    public void Glob_matches_case_insensitively(string text, string pattern, bool expected)
        => Assert.Equal(expected, Glob.IsMatch(text, pattern));
}
