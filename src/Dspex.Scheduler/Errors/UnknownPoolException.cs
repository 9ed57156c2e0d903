namespace Dspex.Scheduler;

/// <summary>A job or a routing rule named a pool that is not configured.</summary>
public sealed class UnknownPoolException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The unknown name.</param>
    /// <param name="knownPools">The configured pools.</param>
    public UnknownPoolException(string pool, IEnumerable<string> knownPools)
        : base(pool, $"Unknown pool '{pool}'. Known pools: {string.Join(", ", knownPools.Order(StringComparer.Ordinal))}.")
    {
    }
}
