namespace Dspex.Scheduler;

/// <summary>How jobs that name no pool are routed. Bound from <c>Dspex:Routing</c>.</summary>
public sealed class RoutingOptions
{
    /// <summary>The pool of jobs no rule matches.</summary>
    public string DefaultPool { get; set; } = PoolNames.General;

    /// <summary>
    /// Ordered rules; the first match wins. When configuration supplies rules they replace the defaults
    /// (see <see cref="DefaultRules"/>).
    /// </summary>
    public IList<RoutingRule> Rules { get; set; } = DefaultRules();

    /// <summary>
    /// The default rules: declared categories first, then optimizers (MIPRO*, COPRO, GEPA, SIMBA,
    /// BootstrapFewShot*, BootstrapFinetune, KNNFewShot, BetterTogether, Ensemble, any <c>teleprompt</c> or
    /// <c>optimizers</c> namespace), then neural modules (ColBERT*, anything under <c>colbert.</c>, *Embed*, *Retriev*, *Rerank*).
    /// </summary>
    /// <returns>A fresh list of the default rules.</returns>
    public static List<RoutingRule> DefaultRules() =>
    [
        RoutingRule.ForCategory(PoolNames.Optimizer, PoolNames.Optimizer),
        RoutingRule.ForCategory(PoolNames.Neural, PoolNames.Neural),
        RoutingRule.ForCategory(PoolNames.General, PoolNames.General),
        RoutingRule.ForPattern("MIPRO*", PoolNames.Optimizer),
        RoutingRule.ForPattern("COPRO", PoolNames.Optimizer),
        RoutingRule.ForPattern("GEPA", PoolNames.Optimizer),
        RoutingRule.ForPattern("SIMBA", PoolNames.Optimizer),
        RoutingRule.ForPattern("BootstrapFewShot*", PoolNames.Optimizer),
        RoutingRule.ForPattern("BootstrapFinetune", PoolNames.Optimizer),
        RoutingRule.ForPattern("KNNFewShot", PoolNames.Optimizer),
        RoutingRule.ForPattern("BetterTogether", PoolNames.Optimizer),
        RoutingRule.ForPattern("Ensemble", PoolNames.Optimizer),
        RoutingRule.ForNamespace("teleprompt", PoolNames.Optimizer),
        RoutingRule.ForNamespace("optimizers", PoolNames.Optimizer),
        RoutingRule.ForPattern("ColBERT*", PoolNames.Neural),
        RoutingRule.ForPattern("colbert.*", PoolNames.Neural),
        RoutingRule.ForPattern("*Embed*", PoolNames.Neural),
        RoutingRule.ForPattern("*Retriev*", PoolNames.Neural),
        RoutingRule.ForPattern("*Rerank*", PoolNames.Neural),
    ];
}
