using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

/// <summary>Where the default rules send the real DSPy 2.x / 3.x module and optimizer paths.</summary>
public sealed class DspyRoutingTests
{
    [Theory]
    [InlineData("dspy.Predict", PoolNames.General)]
    [InlineData("dspy.ChainOfThought", PoolNames.General)]
    [InlineData("dspy.predict.chain_of_thought.ChainOfThought", PoolNames.General)]
    [InlineData("dspy.ReAct", PoolNames.General)]
    [InlineData("dspy.ProgramOfThought", PoolNames.General)]
    [InlineData("dspy.MultiChainComparison", PoolNames.General)]
    [InlineData("dspy.BestOfN", PoolNames.General)]
    [InlineData("dspy.Refine", PoolNames.General)]
    [InlineData("dspy.Parallel", PoolNames.General)]
    [InlineData("dspy.CodeAct", PoolNames.General)]
    [InlineData("dspy.Retrieve", PoolNames.Neural)]
    [InlineData("dspy.retrieve.retrieve.Retrieve", PoolNames.Neural)]
    [InlineData("dspy.ColBERTv2", PoolNames.Neural)]
    [InlineData("dspy.dsp.colbertv2.ColBERTv2", PoolNames.Neural)]
    [InlineData("dspy.Embedder", PoolNames.Neural)]
    [InlineData("dspy.retrievers.Embeddings", PoolNames.Neural)]
    [InlineData("colbert.Searcher", PoolNames.Neural)]
    [InlineData("dspy.teleprompt.MIPROv2", PoolNames.Optimizer)]
    [InlineData("dspy.MIPROv2", PoolNames.Optimizer)]
    [InlineData("dspy.teleprompt.BootstrapFewShot", PoolNames.Optimizer)]
    [InlineData("dspy.BootstrapFewShotWithRandomSearch", PoolNames.Optimizer)]
    [InlineData("dspy.teleprompt.COPRO", PoolNames.Optimizer)]
    [InlineData("dspy.COPRO", PoolNames.Optimizer)]
    [InlineData("dspy.GEPA", PoolNames.Optimizer)]
    [InlineData("dspy.teleprompt.gepa.gepa.GEPA", PoolNames.Optimizer)]
    [InlineData("dspy.SIMBA", PoolNames.Optimizer)]
    [InlineData("dspy.BootstrapFinetune", PoolNames.Optimizer)]
    [InlineData("dspy.KNNFewShot", PoolNames.Optimizer)]
    [InlineData("dspy.BetterTogether", PoolNames.Optimizer)]
    [InlineData("dspy.Ensemble", PoolNames.Optimizer)]
    [InlineData("dspy.LabeledFewShot", PoolNames.General)]
    [InlineData("dspy.teleprompt.LabeledFewShot", PoolNames.Optimizer)]
    [InlineData("dspy.teleprompt.infer_rules.InferRules", PoolNames.Optimizer)]
    [InlineData("dspy.teleprompt.signature_opt.SignatureOptimizer", PoolNames.Optimizer)]
    public async Task A_DSPy_path_routes_by_name_when_it_declares_no_category(string module, string pool)
    {
        await using var scheduler = new DspexScheduler(new DspexOptions());
        Assert.Equal(pool, scheduler.Route(module));
    }

    [Theory]
    [InlineData("dspy.Predict", PoolNames.Optimizer, PoolNames.Optimizer)]
    [InlineData("dspy.teleprompt.MIPROv2", PoolNames.General, PoolNames.General)]
    [InlineData("my.Reranker", PoolNames.Neural, PoolNames.Neural)]
    public async Task A_declared_category_wins_over_the_name(string module, string category, string pool)
    {
        await using var scheduler = new DspexScheduler(new DspexOptions());
        Assert.Equal(pool, scheduler.Route(module, category));
    }
}
