using Microsoft.Extensions.Time.Testing;

namespace Dspex.Scheduler.Tests;

/// <summary>Builders for schedulers and jobs used across the tests.</summary>
internal static class TestSupport
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static DspexOptions Options(params (string Name, int Size, int Overflow)[] pools)
    {
        var options = new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(5) };
        if (pools.Length > 0)
        {
            options.Pools.Clear();
            foreach (var (name, size, overflow) in pools)
            {
                options.Pools[name] = new PoolOptions { Size = size, MaxOverflow = overflow, IdleTimeout = TimeSpan.FromSeconds(30) };
            }

            options.Routing.Rules = [];
            options.Routing.DefaultPool = pools[0].Name;
        }

        return options;
    }

    public static async Task<DspexScheduler> StartAsync(DspexOptions options, SchedulerComponents? components = null)
    {
        var scheduler = new DspexScheduler(options, components);
        await scheduler.StartAsync();
        return scheduler;
    }

    public static SchedulerComponents Fake(FakeTimeProvider time) => new() { TimeProvider = time };

    /// <summary>Waits for a condition that other threads make true, failing the test after <see cref="Patience"/>.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(2);
        }
    }

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Patience);

    public static Task Within(this Task task) => task.WaitAsync(Patience);
}

/// <summary>A job that blocks its worker until released (or its token fires), counting starts.</summary>
internal sealed class GateJob(string module) : Job<int>(module)
{
    private readonly ManualResetEventSlim _release = new(false);
    private int _started;
    private int _running;
    private int _maxRunning;

    public int Started => Volatile.Read(ref _started);

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public void Release() => _release.Set();

    public override int Execute(JobContext context)
    {
        Interlocked.Increment(ref _started);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        try
        {
            _release.Wait(context.CancellationToken);
            return context.Worker.Id;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
