namespace Dspex.Load;

/// <summary>
/// Counts, for each low-priority job, how many high-priority jobs started while it was at the head of its
/// lane (the bypasses the aging bound limits). A job reaches the head when it is queued or when the previous
/// low-priority job starts, whichever is later.
/// </summary>
internal sealed class StarvationProbe
{
    private readonly Lock _gate = new();
    private readonly List<long> _bypasses = [];
    private long _highStarts;
    private long _lastLowStart;

    public long HighStarts => Interlocked.Read(ref _highStarts);

    public void HighStarted() => Interlocked.Increment(ref _highStarts);

    /// <summary>Called when a low-priority job starts; <paramref name="highStartsWhenQueued"/> was read when it was queued.</summary>
    public void LowStarted(long highStartsWhenQueued)
    {
        lock (_gate)
        {
            var now = Interlocked.Read(ref _highStarts);
            var headSince = Math.Max(highStartsWhenQueued, _lastLowStart);
            _bypasses.Add(now - headSince);
            _lastLowStart = now;
        }
    }

    public IReadOnlyList<long> Bypasses
    {
        get
        {
            lock (_gate)
            {
                return [.. _bypasses];
            }
        }
    }
}
