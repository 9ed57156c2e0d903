namespace Dspex.Scheduler;

/// <summary>
/// The optional shared overflow budget: a token bucket from which a pool whose own overflow is used up may
/// borrow extra workers. Bound from <c>Dspex:SharedOverflow</c>. Off by default.
/// </summary>
public sealed class SharedOverflowOptions
{
    /// <summary>Whether pools may borrow workers at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>Most borrowed workers alive at once across all pools, and the bucket's burst (≥ 1).</summary>
    public int Capacity { get; set; } = 4;

    /// <summary>New borrows allowed per second once the burst is spent (&gt; 0).</summary>
    public double RefillPerSecond { get; set; } = 1.0;
}
