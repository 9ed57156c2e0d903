namespace Dspex.Scheduler;

/// <summary>
/// A bounded, lock-free, multi-producer multi-consumer FIFO ring (Vyukov's sequence-numbered cells).
/// Each operation is one compare-and-swap on its end's position; nothing allocates after construction.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class BoundedRing<T>
    where T : class
{
    private readonly Cell[] _cells;
    private readonly long _mask;
    private PaddedCounter _enqueuePosition;
    private PaddedCounter _dequeuePosition;

    /// <summary>Creates a ring holding at least <paramref name="minimumCapacity"/> items (rounded up to a power of two).</summary>
    public BoundedRing(int minimumCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumCapacity, 1);
        var size = (int)Math.Max(2, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)minimumCapacity));
        _cells = new Cell[size];
        _mask = size - 1;
        for (var i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }
    }

    public bool IsEmpty => Volatile.Read(ref _enqueuePosition.Value) == Volatile.Read(ref _dequeuePosition.Value);

    public bool TryEnqueue(T item)
    {
        var position = Volatile.Read(ref _enqueuePosition.Value);
        while (true)
        {
            ref var cell = ref _cells[position & _mask];
            var sequence = Volatile.Read(ref cell.Sequence);
            var difference = sequence - position;
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueuePosition.Value, position + 1, position) == position)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }

                position = Volatile.Read(ref _enqueuePosition.Value);
            }
            else if (difference < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition.Value);
            }
        }
    }

    public bool TryDequeue(out T item)
    {
        var position = Volatile.Read(ref _dequeuePosition.Value);
        while (true)
        {
            ref var cell = ref _cells[position & _mask];
            var sequence = Volatile.Read(ref cell.Sequence);
            var difference = sequence - (position + 1);
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _dequeuePosition.Value, position + 1, position) == position)
                {
                    item = cell.Item!;
                    cell.Item = null;
                    Volatile.Write(ref cell.Sequence, position + _mask + 1);
                    return true;
                }

                position = Volatile.Read(ref _dequeuePosition.Value);
            }
            else if (difference < 0)
            {
                item = null!;
                return false;
            }
            else
            {
                position = Volatile.Read(ref _dequeuePosition.Value);
            }
        }
    }

    /// <summary>
    /// Visits up to <paramref name="limit"/> items from the head without removing them. Items may be taken
    /// concurrently; the visitor must tolerate seeing an item that has just left the ring.
    /// </summary>
    public void VisitFromHead<TState>(int limit, TState state, Func<T, TState, bool> visitor)
    {
        var position = Volatile.Read(ref _dequeuePosition.Value);
        var end = Volatile.Read(ref _enqueuePosition.Value);
        for (var visited = 0; position < end && visited < limit; position++, visited++)
        {
            ref var cell = ref _cells[position & _mask];
            if (Volatile.Read(ref cell.Sequence) != position + 1)
            {
                continue;
            }

            var item = Volatile.Read(ref cell.Item);
            if (item is null || Volatile.Read(ref cell.Sequence) != position + 1)
            {
                continue;
            }

            if (!visitor(item, state))
            {
                return;
            }
        }
    }

    private struct Cell
    {
        public long Sequence;
        public T? Item;
    }
}
