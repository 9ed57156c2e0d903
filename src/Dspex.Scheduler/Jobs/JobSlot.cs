using System.Diagnostics;

namespace Dspex.Scheduler;

/// <summary>
/// The scheduler's record of one submission: its state, timing and completion. Slots are pooled; a slot
/// returns to its pool once both the lane (or whoever holds the job) and the awaiting caller let go of it.
/// </summary>
internal abstract class JobSlot : IDeferredJob
{
    // State word: generation in the high 32 bits, JobState in the low 32. Comparing the whole word makes a
    // late compare-and-swap on a recycled slot fail instead of acting on the next job.
    private long _stateWord;
    private int _references;

    public Pool Pool { get; private set; } = null!;

    public int Priority { get; private set; }

    public long EnqueuedTimestamp { get; set; }

    public CancellationToken CallerToken { get; private set; }

    private AdmissionLease? _lease;

    public AdmissionLease? Lease => Volatile.Read(ref _lease);

    public int Attempt { get; set; }

    public Activity? Activity { get; set; }

    public int Generation => (int)(Volatile.Read(ref _stateWord) >> 32);

    public JobState State => (JobState)(int)Volatile.Read(ref _stateWord);

    public abstract string Module { get; }

    public abstract bool Idempotent { get; }

    public abstract TimeSpan? RunTimeout { get; }

    public abstract ResourceDemand Resources { get; }

    private CancellationTokenRegistration _registration;

    /// <summary>Prepares the slot for one submission; the lane and the caller each hold a reference.</summary>
    protected void Initialize(Pool pool, int priority, CancellationToken callerToken)
    {
        Pool = pool;
        Priority = priority;
        CallerToken = callerToken;
        Attempt = 0;
        Volatile.Write(ref _references, 2);
        var generation = Generation;
        Volatile.Write(ref _stateWord, Word(generation, JobState.Queued));
    }

    /// <summary>Starts watching the caller's token; a cancelled token completes a queued job at once.</summary>
    public void WatchCallerToken()
    {
        if (CallerToken.CanBeCanceled)
        {
            _registration = CallerToken.UnsafeRegister(static state => ((JobSlot)state!).OnCallerCancelled(), this);
        }
    }

    public bool TryTransition(int generation, JobState from, JobState to)
        => Interlocked.CompareExchange(ref _stateWord, Word(generation, to), Word(generation, from)) == Word(generation, from);

    public bool TryTransition(JobState from, JobState to) => TryTransition(Generation, from, to);

    /// <summary>Runs the job's work and keeps its result; exceptions propagate to the worker.</summary>
    public abstract void Execute(JobContext context);

    /// <summary>Completes the slot with the result kept by <see cref="Execute"/>.</summary>
    public abstract void CompleteWithResult();

    /// <summary>Completes the slot with an error; the outcome has been decided by the caller.</summary>
    public abstract void CompleteWithError(Exception error);

    public void ReleaseReference()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Recycle();
        }
    }

    private void Recycle()
    {
        _registration.Dispose();
        _registration = default;
        TakeLease()?.Dispose();
        Activity = null;
        Pool = null!;
        CallerToken = default;
        var generation = Generation;
        Volatile.Write(ref _stateWord, Word(unchecked(generation + 1), JobState.Done));
        ReturnToPool();
    }

    public void SetLease(AdmissionLease lease) => Volatile.Write(ref _lease, lease);

    /// <summary>Removes the lease so that exactly one party releases it.</summary>
    public AdmissionLease? TakeLease() => Interlocked.Exchange(ref _lease, null);

    protected abstract void ReturnToPool();

    private void OnCallerCancelled()
    {
        var pool = Pool;
        if (pool is null)
        {
            return;
        }

        pool.OnCallerCancelled(this);
    }

    bool IDeferredJob.IsAbandoned(int generation) => Generation != generation || State == JobState.Done;

    bool IDeferredJob.TryAdmit(int generation, AdmissionLease lease) => Pool?.TryAdmitDeferred(this, generation, lease) ?? false;

    bool IDeferredJob.TryReject(int generation, Exception error) => Pool?.TryRejectDeferred(this, generation, error) ?? false;

    private static long Word(int generation, JobState state) => ((long)generation << 32) | (uint)state;
}
