namespace Dspex.Scheduler;

/// <summary>The names of the three default pools.</summary>
public static class PoolNames
{
    /// <summary>Optimizers: CPU-heavy, long (MIPROv2, COPRO, GEPA, BootstrapFewShot…).</summary>
    public const string Optimizer = "optimizer";

    /// <summary>Neural modules: GPU/memory-heavy (ColBERT, embedders, retrievers).</summary>
    public const string Neural = "neural";

    /// <summary>Everything else: short (Predict, ChainOfThought…).</summary>
    public const string General = "general";
}
