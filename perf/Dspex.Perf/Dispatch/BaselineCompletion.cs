using System.Threading.Tasks.Sources;
using Dspex.Scheduler;

namespace Dspex.Perf.Dispatch;

/// <summary>
/// The completion every baseline uses: a pooled, resettable value-task source, the same mechanism Dspex's job
/// slots use, so that the comparison measures queueing and dispatch, not completion plumbing.
/// </summary>
internal sealed class BaselineCompletion : IValueTaskSource<int>, IThreadPoolWorkItem
{
    private static readonly BoundedRing<BaselineCompletion> Free = new(8192);
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = true };

    public int Priority { get; private set; }

    public static BaselineCompletion Rent(int priority)
    {
        if (!Free.TryDequeue(out var item))
        {
            item = new BaselineCompletion();
        }

        item.Priority = priority;
        return item;
    }

    public ValueTask<int> Task => new(this, _core.Version);

    /// <summary>The "job": a no-op whose result completes the caller's task.</summary>
    public void Run() => _core.SetResult(1);

    void IThreadPoolWorkItem.Execute() => Run();

    public int GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            Free.TryEnqueue(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
