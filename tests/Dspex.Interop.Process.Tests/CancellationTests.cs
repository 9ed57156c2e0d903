using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dspex.Interop.Process.Tests;

/// <summary>Cancelling a call interrupts the Python code; a worker that will not stop is killed.</summary>
public sealed class CancellationTests
{
    [Fact]
    public void Cancelling_a_running_call_interrupts_it_and_the_worker_stays_usable()
    {
        using var worker = Workers.Start();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = Assert.ThrowsAny<OperationCanceledException>(() => worker.Fixture(cts.Token).Call<long>("spin", 60.0));
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal("KeyboardInterrupt", Assert.IsType<PythonProcessException>(ex.InnerException).PythonType);
        Assert.True(worker.IsHealthy);
        Assert.Equal(3L, worker.Fixture().Call<long>("add", 1, 2));
    }

    [Fact]
    public void Cancelling_a_blocking_call_interrupts_it()
    {
        using var worker = Workers.Start();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.ThrowsAny<OperationCanceledException>(() => worker.Fixture(cts.Token).Call<double>("sleep", 60.0));
        Assert.True(worker.IsHealthy);
    }

    [Fact]
    public void A_call_that_swallows_the_interrupt_is_killed_after_the_grace_period()
    {
        using var worker = Workers.Start();
        var pid = worker.ProcessId;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = Assert.ThrowsAny<OperationCanceledException>(() => worker.Fixture(cts.Token).Call<string>("spin_ignoring_interrupts", 60.0));
        Assert.Contains("grace period", ex.Message, StringComparison.Ordinal);
        Assert.False(worker.IsHealthy);
        Workers.WaitUntil(() => !Workers.IsAlive(pid), TimeSpan.FromSeconds(5), "the killed worker is gone");
    }

    [Fact]
    public void A_token_cancelled_before_the_call_never_reaches_Python()
    {
        using var worker = Workers.Start();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => worker.Fixture(cts.Token).Call<long>("add", 1, 2));
        Assert.True(worker.IsHealthy);
    }

    [Property(MaxTest = 12)]
    public Property Every_cancelled_call_ends_as_a_result_or_a_cancellation_and_leaves_a_usable_worker() =>
        Prop.ForAll(Gen.Choose(0, 40).ToArbitrary(), Gen.Choose(0, 40).ToArbitrary(), (cancelAfterMs, runMs) =>
        {
            using var worker = Workers.Start();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(cancelAfterMs));
            try
            {
                var spun = worker.Fixture(cts.Token).Call<long>("spin", runMs / 1000.0);
                if (spun < 0)
                {
                    return false;
                }
            }
            catch (OperationCanceledException)
            {
                // Cancelled: the alternative outcome.
            }

            // However the race went, the worker answers the next call (or says it must be replaced).
            return !worker.IsHealthy || worker.Fixture().Call<long>("add", 2, 2) == 4;
        });
}
