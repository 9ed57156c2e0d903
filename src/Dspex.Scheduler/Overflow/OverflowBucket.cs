namespace Dspex.Scheduler;

/// <summary>
/// The shared overflow budget: at most <see cref="SharedOverflowOptions.Capacity"/> borrowed workers alive
/// at once, and new borrows paced by a token bucket of the same burst refilled at
/// <see cref="SharedOverflowOptions.RefillPerSecond"/>. Lock-free: each counter is a compare-and-swap loop.
/// </summary>
/// <remarks>
/// Invariants (property-tested): outstanding borrows never exceed the capacity, and over any window of
/// length T at most <c>Capacity + RefillPerSecond · T</c> borrows succeed.
/// </remarks>
internal sealed class OverflowBucket
{
    private const long Scale = 1_000_000; // tokens are kept in millionths so refill accrues smoothly

    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly double _refillPerTick;
    private long _tokensMicro;
    private long _lastRefill;
    private int _outstanding;

    public OverflowBucket(SharedOverflowOptions options, TimeProvider time)
    {
        _time = time;
        _capacity = options.Capacity;
        _refillPerTick = options.RefillPerSecond * Scale / time.TimestampFrequency;
        _tokensMicro = _capacity * Scale;
        _lastRefill = time.GetTimestamp();
    }

    public int Capacity => _capacity;

    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Borrows one worker token; <see langword="false"/> when the budget or the rate is used up.</summary>
    public bool TryBorrow()
    {
        Refill();
        while (true)
        {
            var outstanding = Volatile.Read(ref _outstanding);
            if (outstanding >= _capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _outstanding, outstanding + 1, outstanding) == outstanding)
            {
                break;
            }
        }

        while (true)
        {
            var tokens = Interlocked.Read(ref _tokensMicro);
            if (tokens < Scale)
            {
                Interlocked.Decrement(ref _outstanding);
                return false;
            }

            if (Interlocked.CompareExchange(ref _tokensMicro, tokens - Scale, tokens) == tokens)
            {
                return true;
            }
        }
    }

    /// <summary>Returns the token of a borrowed worker that stopped.</summary>
    public void Return()
    {
        var after = Interlocked.Decrement(ref _outstanding);
        if (after < 0)
        {
            throw new InvalidOperationException("Overflow token returned more often than borrowed.");
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastRefill);
        if (now <= last || Interlocked.CompareExchange(ref _lastRefill, now, last) != last)
        {
            return;
        }

        var add = (long)((now - last) * _refillPerTick);
        while (add > 0)
        {
            var tokens = Interlocked.Read(ref _tokensMicro);
            var next = Math.Min(_capacity * Scale, tokens + add);
            if (next == tokens || Interlocked.CompareExchange(ref _tokensMicro, next, tokens) == tokens)
            {
                return;
            }
        }
    }
}
