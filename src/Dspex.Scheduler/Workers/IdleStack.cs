namespace Dspex.Scheduler;

/// <summary>
/// A lock-free LIFO of idle worker indices (a Treiber stack over an index array with a tagged head, so a
/// popped-and-pushed-again index cannot fool a compare-and-swap). LIFO keeps the most recently active workers
/// busy and lets the longest-idle overflow workers age out. Pushing an index already present does nothing.
/// </summary>
internal sealed class IdleStack
{
    private readonly int[] _next;
    private readonly int[] _present;
    private long _head; // high 32 bits: tag; low 32 bits: index + 1 (0 = empty)

    public IdleStack(int capacity)
    {
        _next = new int[capacity];
        _present = new int[capacity];
    }

    public void Push(int index)
    {
        if (Interlocked.CompareExchange(ref _present[index], 1, 0) != 0)
        {
            return;
        }

        while (true)
        {
            var head = Interlocked.Read(ref _head);
            _next[index] = (int)head;
            var next = ((((head >> 32) + 1) & 0xFFFF_FFFF) << 32) | (uint)(index + 1);
            if (Interlocked.CompareExchange(ref _head, next, head) == head)
            {
                return;
            }
        }
    }

    public bool TryPop(out int index)
    {
        while (true)
        {
            var head = Interlocked.Read(ref _head);
            var top = (int)head;
            if (top == 0)
            {
                index = -1;
                return false;
            }

            var candidate = top - 1;
            var next = ((((head >> 32) + 1) & 0xFFFF_FFFF) << 32) | (uint)Volatile.Read(ref _next[candidate]);
            if (Interlocked.CompareExchange(ref _head, next, head) == head)
            {
                Volatile.Write(ref _present[candidate], 0);
                index = candidate;
                return true;
            }
        }
    }
}
