using Dspex.Interop;

namespace Dspex.Interop.Tests;

[Collection(EmbeddedPython.Name)]
public sealed class CancellationTests(PythonFixture python)
{
    private void CancelOnceRunning(CancellationTokenSource source)
    {
        // wait_started blocks in threading.Event.wait, which releases the GIL, until the loop has begun.
        var started = Call.Result<bool, BooleanConverter>(python.Function("wait_started"));
        Assert.True(started);
        source.Cancel();
    }

    private static Exception? RunOnThread(Action action)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        return thread.Join(TimeSpan.FromSeconds(60)) ? error : new TimeoutException("call was not interrupted");
    }

    [Fact]
    public void Cancelling_a_running_while_true_loop_throws_operation_cancelled_and_the_thread_stays_usable()
    {
        using var source = new CancellationTokenSource();
        long after = 0;
        var spin = python.Function("spin_until_cancelled");
        var canceller = new Thread(() => CancelOnceRunning(source));
        canceller.Start();
        var error = RunOnThread(() =>
        {
            try
            {
                Call.Action(spin, source.Token);
            }
            finally
            {
                after = Call.Invoke<long, Int64Converter, long, Int64Converter>(python.Function("echo"), 41) + 1;
            }
        });
        canceller.Join();

        var cancelled = Assert.IsType<OperationCanceledException>(error);
        Assert.Equal(source.Token, cancelled.CancellationToken);
        Assert.Equal(42, after);
        Assert.False(Call.ErrorIndicatorSet());
        Assert.Equal(3L, Call.Invoke<long, Int64Converter, long, Int64Converter>(python.Function("echo"), 3));
    }

    [Fact]
    public void Except_exception_in_python_does_not_swallow_the_cancellation()
    {
        using var source = new CancellationTokenSource();
        var canceller = new Thread(() => CancelOnceRunning(source));
        canceller.Start();
        var error = RunOnThread(() => Call.Action(python.Function("spin_until_cancelled_swallowing"), source.Token));
        canceller.Join();
        Assert.IsType<OperationCanceledException>(error);
    }

    [Fact]
    public void Already_cancelled_token_never_starts_the_call()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => Call.Action(python.Function("spin_until_cancelled"), source.Token));
    }

    [Fact]
    public void Cancelling_after_a_call_completed_leaves_no_pending_interrupt()
    {
        using var source = new CancellationTokenSource();
        Assert.Equal(9L, Call.Invoke<long, Int64Converter, long, Int64Converter>(python.Function("echo"), 9, source.Token));
        source.Cancel();
        Assert.Equal(10L, Call.Invoke<long, Int64Converter, long, Int64Converter>(python.Function("echo"), 10));
    }
}
