namespace Dspex.Scheduler;

/// <summary>
/// The priority lanes of one pool: one bounded ring per priority level, taken highest first, with aging.
/// </summary>
/// <remarks>
/// Aging bound: every take from a higher lane while lane <c>m</c> is non-empty counts as one bypass of
/// <c>m</c>. Once <c>m</c> has been bypassed <c>K</c> (<see cref="PoolOptions.AgingLimit"/>) times, takes
/// serve aged lanes first, lowest priority first. So with one consumer the job at the head of a non-empty
/// lane is taken after at most <c>K</c> takes from higher lanes plus one take from each aged lower lane:
/// at most <c>K + P − 1</c> takes from other lanes for <c>P</c> lanes. Each further concurrent consumer can
/// add one take in flight. The property tests check this bound.
/// </remarks>
/// <typeparam name="T">The queued item.</typeparam>
internal sealed class LaneSet<T>
    where T : class
{
    private readonly BoundedRing<T>[] _lanes;
    private readonly PaddedCounter[] _bypasses;
    private readonly int _agingLimit;

    public LaneSet(int levels, int laneCapacity, int agingLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(agingLimit, 1);
        _lanes = new BoundedRing<T>[levels];
        for (var i = 0; i < levels; i++)
        {
            _lanes[i] = new BoundedRing<T>(laneCapacity);
        }

        _bypasses = new PaddedCounter[levels];
        _agingLimit = agingLimit;
    }

    public int Levels => _lanes.Length;

    /// <summary>Items in lane <paramref name="priority"/>, including ones already completed while queued.</summary>
    public int CountAt(int priority) => _lanes[priority].Count;

    public bool IsEmpty
    {
        get
        {
            foreach (var lane in _lanes)
            {
                if (!lane.IsEmpty)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public bool TryAdd(T item, int priority) => _lanes[priority].TryEnqueue(item);

    /// <summary>Takes the next item: an aged lane (lowest first) if any, otherwise the highest non-empty lane.</summary>
    public bool TryTake(out T item, out int priority)
    {
        var lanes = _lanes;
        for (var level = lanes.Length - 1; level > 0; level--)
        {
            if (Volatile.Read(ref _bypasses[level].Value) >= _agingLimit && lanes[level].TryDequeue(out item))
            {
                Volatile.Write(ref _bypasses[level].Value, 0);
                priority = level;
                return true;
            }
        }

        for (var level = 0; level < lanes.Length; level++)
        {
            if (lanes[level].TryDequeue(out item))
            {
                Volatile.Write(ref _bypasses[level].Value, 0);
                for (var lower = level + 1; lower < lanes.Length; lower++)
                {
                    if (!lanes[lower].IsEmpty)
                    {
                        Interlocked.Increment(ref _bypasses[lower].Value);
                    }
                }

                priority = level;
                return true;
            }
        }

        item = null!;
        priority = -1;
        return false;
    }

    public void VisitFromHead<TState>(int priority, int limit, TState state, Func<T, TState, bool> visitor)
        => _lanes[priority].VisitFromHead(limit, state, visitor);
}
