namespace Dspex.Scheduler;

/// <summary>
/// The priority lanes of one pool: one bounded ring per priority level, taken highest first, with aging.
/// </summary>
/// <remarks>
/// Aging bound: every take from another lane while lane <c>m</c> is non-empty counts as one bypass of
/// <c>m</c>. Once <c>m</c> has been bypassed <c>K</c> (<see cref="PoolOptions.AgingLimit"/>) times, takes
/// serve aged lanes first, most-bypassed first. So with one consumer the job at the head of a non-empty
/// lane is taken after at most <c>K</c> bypasses plus one take from each other lane: at most
/// <c>K + P − 1</c> takes from other lanes for <c>P</c> lanes. Each further concurrent consumer can add one
/// take in flight. The property tests check this bound.
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

    /// <summary>Takes the next item: the most-bypassed aged lane if any, otherwise the highest non-empty lane.</summary>
    public bool TryTake(out T item, out int priority)
    {
        var lanes = _lanes;

        // Serve the most-bypassed aged lane first: a lane just served restarts at zero, so it cannot pass a
        // lane that has been waiting longer; that is what makes the bound hold.
        var aged = -1;
        var most = (long)_agingLimit - 1;
        for (var level = 0; level < lanes.Length; level++)
        {
            var bypasses = Volatile.Read(ref _bypasses[level].Value);
            if (bypasses > most && !lanes[level].IsEmpty)
            {
                most = bypasses;
                aged = level;
            }
        }

        if (aged >= 0 && lanes[aged].TryDequeue(out item))
        {
            CountBypasses(aged);
            priority = aged;
            return true;
        }

        for (var level = 0; level < lanes.Length; level++)
        {
            if (lanes[level].TryDequeue(out item))
            {
                CountBypasses(level);
                priority = level;
                return true;
            }
        }

        item = null!;
        priority = -1;
        return false;
    }

    /// <summary>A take from <paramref name="taken"/> resets its own count and bypasses every other waiting lane.</summary>
    private void CountBypasses(int taken)
    {
        if (Volatile.Read(ref _bypasses[taken].Value) != 0)
        {
            Volatile.Write(ref _bypasses[taken].Value, 0); // written only when set: every take sharing this line would bounce it
        }

        var lanes = _lanes;
        for (var other = 0; other < lanes.Length; other++)
        {
            if (other != taken && !lanes[other].IsEmpty)
            {
                Interlocked.Increment(ref _bypasses[other].Value);
            }
        }
    }

    public void VisitFromHead<TState>(int priority, int limit, TState state, Func<T, TState, bool> visitor)
        => _lanes[priority].VisitFromHead(limit, state, visitor);
}
