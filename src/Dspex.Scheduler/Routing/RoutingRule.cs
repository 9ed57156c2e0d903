namespace Dspex.Scheduler;

/// <summary>
/// One routing rule. Exactly one of <see cref="Pattern"/>, <see cref="Namespace"/> and <see cref="Category"/>
/// is set; the first matching rule in order chooses the pool.
/// </summary>
public sealed class RoutingRule
{
    /// <summary>
    /// A case-insensitive name pattern with <c>*</c> wildcards. Without a dot it matches the module's last
    /// segment (<c>MIPRO*</c> matches <c>dspy.teleprompt.MIPROv2</c>); with a dot it matches the whole path.
    /// </summary>
    public string? Pattern { get; set; }

    /// <summary>A namespace segment (case-insensitive) that the module path must contain before its last segment.</summary>
    public string? Namespace { get; set; }

    /// <summary>A category the job declares (case-insensitive).</summary>
    public string? Category { get; set; }

    /// <summary>The pool the rule routes to.</summary>
    public string Pool { get; set; } = "";

    /// <summary>A rule matching a name pattern.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="pool">The target pool.</param>
    /// <returns>The rule.</returns>
    public static RoutingRule ForPattern(string pattern, string pool) => new() { Pattern = pattern, Pool = pool };

    /// <summary>A rule matching a namespace segment.</summary>
    /// <param name="ns">The namespace segment.</param>
    /// <param name="pool">The target pool.</param>
    /// <returns>The rule.</returns>
    public static RoutingRule ForNamespace(string ns, string pool) => new() { Namespace = ns, Pool = pool };

    /// <summary>A rule matching a declared category.</summary>
    /// <param name="category">The category.</param>
    /// <param name="pool">The target pool.</param>
    /// <returns>The rule.</returns>
    public static RoutingRule ForCategory(string category, string pool) => new() { Category = category, Pool = pool };

    /// <inheritdoc />
    public override string ToString()
        => Pattern is not null ? $"pattern '{Pattern}' → {Pool}"
        : Namespace is not null ? $"namespace '{Namespace}' → {Pool}"
        : $"category '{Category}' → {Pool}";
}
