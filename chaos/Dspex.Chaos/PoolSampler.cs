using System.Diagnostics;
using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>
/// Samples each pool's live worker count (against its Size) every 10 ms and the host's memory every 250 ms,
/// so that a pool that stays short of workers, or a host that leaks, shows up.
/// </summary>
internal sealed class PoolSampler(DspexScheduler scheduler, IReadOnlyList<string> pools)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);
    private readonly ManualResetEventSlim _stop = new();
    private readonly Dictionary<string, PoolShortfall> _shortfall = pools.ToDictionary(p => p, _ => new PoolShortfall());
    private readonly List<MemorySample> _memory = [];
    private Thread? _thread;

    public IReadOnlyDictionary<string, PoolShortfall> Shortfall => _shortfall;

    public IReadOnlyList<MemorySample> Memory => _memory;

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "chaos-sampler" };
        _thread.Start();
    }

    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
    }

    private void Run()
    {
        var started = Stopwatch.GetTimestamp();
        var round = 0;
        while (!_stop.Wait(Period))
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var pool in pools)
            {
                var snapshot = scheduler.GetSnapshot(pool);
                _shortfall[pool].Observe(snapshot.TotalWorkers, snapshot.Size, now);
            }

            if (round++ % 25 == 0)
            {
                _memory.Add(new MemorySample(Stopwatch.GetElapsedTime(started, now), GC.GetTotalMemory(false), ProcScan.ResidentBytes()));
            }
        }
    }
}

/// <summary>How far and how long one pool's live worker count fell below its Size.</summary>
internal sealed class PoolShortfall
{
    private long _belowSince;

    public int Samples { get; private set; }

    public int SamplesBelowSize { get; private set; }

    public int MinWorkers { get; private set; } = int.MaxValue;

    public TimeSpan LongestBelowSize { get; private set; }

    public void Observe(int workers, int size, long now)
    {
        Samples++;
        MinWorkers = Math.Min(MinWorkers, workers);
        if (workers >= size)
        {
            _belowSince = 0;
            return;
        }

        SamplesBelowSize++;
        if (_belowSince == 0)
        {
            _belowSince = now;
        }

        var below = Stopwatch.GetElapsedTime(_belowSince, now);
        if (below > LongestBelowSize)
        {
            LongestBelowSize = below;
        }
    }
}

/// <summary>One sample of the host's memory: managed heap (no forced collection) and resident set.</summary>
internal sealed record MemorySample(TimeSpan At, long HeapBytes, long ResidentBytes);
