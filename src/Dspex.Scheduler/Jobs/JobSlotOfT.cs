using System.Threading.Tasks.Sources;

namespace Dspex.Scheduler;

/// <summary>A pooled slot for jobs returning <typeparamref name="TResult"/>; it is the caller's <see cref="ValueTask{TResult}"/> source.</summary>
internal sealed class JobSlot<TResult> : JobSlot, IValueTaskSource<TResult>
{
    private static readonly BoundedRing<JobSlot<TResult>> Free = new(1024);

    private ManualResetValueTaskSourceCore<TResult> _completion = new() { RunContinuationsAsynchronously = true };
    private Job<TResult> _job = null!;
    private TResult? _result;

    public override string Module => _job.Module;

    public override bool Idempotent => _job.Idempotent;

    public override TimeSpan? RunTimeout => _job.Timeout;

    public override ResourceDemand Resources => _job.Resources;

    public ValueTask<TResult> Completion => new(this, _completion.Version);

    public static JobSlot<TResult> Rent(Job<TResult> job, Pool pool, int priority, CancellationToken callerToken)
    {
        if (!Free.TryDequeue(out var slot))
        {
            slot = new JobSlot<TResult>();
        }

        slot._job = job;
        slot.Initialize(pool, priority, callerToken);
        return slot;
    }

    public override void Execute(JobContext context) => _result = _job.Execute(context);

    public override void CompleteWithResult()
    {
        var result = _result!;
        _result = default;
        _completion.SetResult(result);
    }

    public override void CompleteWithError(Exception error) => _completion.SetException(error);

    public TResult GetResult(short token)
    {
        try
        {
            return _completion.GetResult(token);
        }
        finally
        {
            ReleaseReference();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _completion.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _completion.OnCompleted(continuation, state, token, flags);

    protected override void ReturnToPool()
    {
        _job = null!;
        _result = default;
        _completion.Reset();
        Free.TryEnqueue(this);
    }
}
