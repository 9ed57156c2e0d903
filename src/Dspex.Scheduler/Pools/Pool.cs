using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Dspex.Scheduler;

/// <summary>
/// One named pool: its priority lanes, its dedicated workers (core, overflow, borrowed), its optional
/// admission gate, and the bookkeeping that gives every accepted job exactly one outcome.
/// </summary>
/// <remarks>
/// <para>Submit and take are lock-free: a compare-and-swap reserves queue space, another publishes into a
/// lane ring, and a third hands the job to a worker. A worker blocks only on its own event when it has
/// nothing to do.</para>
/// <para><c>_queued</c> counts live queued jobs (reserved, in a lane, not yet taken or completed) in its low
/// 31 bits; its sign bit is the "stopping" flag, so that no reservation can slip past the start of shutdown.</para>
/// </remarks>
internal sealed partial class Pool
{
    private const int StoppingFlag = int.MinValue;

    private readonly LaneSet<JobSlot> _lanes;
    private readonly ConcurrentQueue<JobSlot> _admitted = new();
    private readonly ConcurrentDictionary<JobSlot, int> _deferred = new();
    private readonly ConcurrentQueue<TaskCompletionSource<bool>> _spaceWaiters = new();
    private readonly Worker?[] _workers;
    private long _executorsReplaced;
    private readonly OverflowBucket? _sharedOverflow;
    private readonly SchedulerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly long _queueTimeoutTicks;
    private readonly PaddedCounter[] _outcomes = new PaddedCounter[Enum.GetValues<JobOutcome>().Length];
    private readonly KeyValuePair<string, object?>[] _priorityTags;
    private PaddedInt _queued; // producers and workers hit it on every job: keep it off other fields' cache lines
    private int _deferredCount;
    private int _privateQueued;
    private int _spaceWaiterCount;
    private readonly int _growthLimit;
    private int _workerCount;
    private PaddedInt _busy;
    private int _restartsPending;
    private ITimer? _maintenance;

    public Pool(
        DspexScheduler owner,
        string name,
        PoolOptions options,
        IJobExecutorFactory executorFactory,
        IAdmissionGate? gate,
        OverflowBucket? sharedOverflow,
        TimeProvider time,
        SchedulerMetrics metrics,
        ILogger logger)
    {
        Owner = owner;
        Name = name;
        Options = options;
        ExecutorFactory = executorFactory;
        Gate = gate;
        Time = time;
        _sharedOverflow = options.UseSharedOverflow ? sharedOverflow : null;
        _metrics = metrics;
        _logger = logger;
        PoolTag = new KeyValuePair<string, object?>("pool", name);
        _priorityTags = [.. Enumerable.Range(0, options.PriorityLevels).Select(p => new KeyValuePair<string, object?>("priority", p))];

        // Lanes hold twice the capacity so that jobs completed while queued (cancelled, timed out), which stay
        // in their ring until a worker passes them, do not take space from live jobs.
        _lanes = new LaneSet<JobSlot>(options.PriorityLevels, checked(options.QueueCapacity * 2), options.AgingLimit);
        var maxWorkers = options.Size + options.MaxOverflow + (_sharedOverflow?.Capacity ?? 0);
        _growthLimit = maxWorkers;
        _workers = new Worker?[maxWorkers];
        Idle = new IdleStack(maxWorkers);
        _queueTimeoutTicks = options.QueueTimeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : (long)(options.QueueTimeout.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>The scheduler this pool belongs to (jobs cache their routed pool and check it).</summary>
    public DspexScheduler Owner { get; }

    public string Name { get; }

    public PoolOptions Options { get; }

    public IJobExecutorFactory ExecutorFactory { get; }

    public IAdmissionGate? Gate { get; }

    public TimeProvider Time { get; }

    public IdleStack Idle { get; }

    public KeyValuePair<string, object?> PoolTag { get; }

    public bool IsStopping => Volatile.Read(ref _queued.Value) < 0;

    public int QueuedCount => Volatile.Read(ref _queued.Value) & int.MaxValue;

    /// <summary>Queued work any worker may take (jobs waiting for one particular worker excluded).</summary>
    public bool HasWork => QueuedCount - Volatile.Read(ref _privateQueued) > 0 || !_admitted.IsEmpty;

    public bool HasWorkFor(Worker worker) => HasWork || !worker.PrivateQueue.IsEmpty;

    /// <summary>No job is queued, deferred or admitted-but-not-taken.</summary>
    public bool IsDrained => QueuedCount == 0 && Volatile.Read(ref _deferredCount) == 0 && _admitted.IsEmpty;

    public int BusyWorkers => Volatile.Read(ref _busy.Value);

    /// <summary>Whether the worker with this id is parked (what <see cref="AffinityMode.Hint"/> counts as idle).</summary>
    public bool IsParked(int workerId) =>
        workerId >= 0 && workerId < _workers.Length && Volatile.Read(ref _workers[workerId]) is { State: WorkerState.Parked };

    public int TotalWorkers => Volatile.Read(ref _workerCount);

    public double Utilization => TotalWorkers == 0 ? 0 : (double)BusyWorkers / TotalWorkers;

    public int DeferredCount => Volatile.Read(ref _deferredCount);

    /// <summary>Counts an outcome reached before the job entered a lane (rejected, cancelled, timed out waiting for space).</summary>
    public void CountOutcome(JobOutcome outcome)
    {
        Interlocked.Increment(ref _outcomes[(int)outcome].Value);
        _metrics.Outcome(outcome, PoolTag);
    }

    /// <summary>Outcomes so far: the pool's own count plus what each live worker has counted (a snapshot).</summary>
    public long OutcomeCount(JobOutcome outcome)
    {
        var count = Interlocked.Read(ref _outcomes[(int)outcome].Value);
        foreach (var worker in _workers)
        {
            if (worker is not null)
            {
                count += worker.OutcomeCount(outcome);
            }
        }

        return count;
    }

    /// <summary>Folds an exiting worker's outcome counts into the pool's.</summary>
    public void FoldOutcomes(Worker worker)
    {
        foreach (var outcome in Enum.GetValues<JobOutcome>())
        {
            Interlocked.Add(ref _outcomes[(int)outcome].Value, worker.OutcomeCount(outcome));
        }
    }

    public int QueueDepthAt(int priority)
    {
        var live = 0;
        _lanes.VisitFromHead(priority, int.MaxValue, 0, (slot, _) =>
        {
            if (slot.State == JobState.Queued)
            {
                live++;
            }

            return true;
        });
        return live;
    }

    public IEnumerable<Measurement<int>> QueueDepthMeasurements()
    {
        for (var priority = 0; priority < _lanes.Levels; priority++)
        {
            yield return new Measurement<int>(QueueDepthAt(priority), PoolTag, _priorityTags[priority]);
        }
    }

    /// <summary>Starts the core workers concurrently and waits until each has created its executor.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = new List<Worker>(Options.Size);
        for (var i = 0; i < Options.Size; i++)
        {
            Interlocked.Increment(ref _workerCount);
            var worker = new Worker(this, i, WorkerKind.Core);
            _workers[i] = worker;
            started.Add(worker);
            worker.Start();
        }

        try
        {
            await Task.WhenAll(started.Select(w => w.Started)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            var failed = started.Select(w => w.Started).FirstOrDefault(t => t.IsFaulted)?.Exception?.InnerException;
            BeginStop();
            await Task.WhenAll(started.Select(w => w.Exited)).ConfigureAwait(false);
            if (failed is null)
            {
                throw;
            }

            throw new DspexStartException(Name, failed);
        }

        var period = MaintenancePeriod(Options);
        _maintenance = Time.CreateTimer(static state => ((Pool)state!).Maintain(), this, period, period);
    }

    private static TimeSpan MaintenancePeriod(PoolOptions options)
    {
        var shortest = TimeSpan.FromSeconds(1);
        if (options.QueueTimeout != Timeout.InfiniteTimeSpan && options.QueueTimeout / 4 < shortest)
        {
            shortest = options.QueueTimeout / 4;
        }

        if (options.IdleTimeout / 4 < shortest)
        {
            shortest = options.IdleTimeout / 4;
        }

        return shortest < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : shortest;
    }

    /// <summary>Reserves queue space and publishes the job; never blocks.</summary>
    public EnqueueResult TryEnqueue(JobSlot slot)
    {
        Worker? owner = null;
        if (slot.Affinity is { } affinity)
        {
            var found = affinity.WorkerId >= 0 && affinity.WorkerId < _workers.Length ? Volatile.Read(ref _workers[affinity.WorkerId]) : null;
            var alive = found is { IsClosed: false } && (affinity.ExecutorEpoch == 0 || found.ExecutorEpoch == affinity.ExecutorEpoch);
            var idle = alive && found!.State == WorkerState.Parked;
            switch (affinity.Mode)
            {
                case AffinityMode.Hint:
                    owner = idle ? found : null;
                    break;
                case AffinityMode.Strict when !alive:
                case AffinityMode.StrictFailFast when !alive:
                    return EnqueueResult.SessionLost;
                case AffinityMode.StrictFailFast when !idle:
                    return EnqueueResult.WorkerBusy;
                default:
                    owner = found;
                    break;
            }
        }

        while (true)
        {
            var queued = Volatile.Read(ref _queued.Value);
            if (queued < 0)
            {
                return EnqueueResult.Stopping;
            }

            if (queued >= Options.QueueCapacity)
            {
                return EnqueueResult.Full;
            }

            if (Interlocked.CompareExchange(ref _queued.Value, queued + 1, queued) == queued)
            {
                break;
            }
        }

        if (owner is not null)
        {
            return EnqueuePrivate(slot, owner);
        }

        if (!_lanes.TryAdd(slot, slot.Priority))
        {
            ReleaseQueueSpace();
            return EnqueueResult.Full;
        }

        slot.WatchCallerToken();
        SignalWork();
        return EnqueueResult.Accepted;
    }

    /// <summary>Takes the next job for a worker: its own session jobs first, then admitted jobs, then the lanes.</summary>
    public bool TryTake(out JobSlot slot, Worker? taker = null)
    {
        if (taker is not null && !taker.PrivateQueue.IsEmpty && TryTakePrivate(taker, out slot))
        {
            return true;
        }

        while (!_admitted.IsEmpty && _admitted.TryDequeue(out var admitted))
        {
            if (admitted.TryTransition(JobState.Admitted, JobState.Running))
            {
                Interlocked.Decrement(ref _deferredCount);
                slot = admitted;
                return true;
            }

            admitted.ReleaseReference(); // completed while admitted; its holder's reference ends here
        }

        while (_lanes.TryTake(out slot, out _))
        {
            if (slot.TryTransition(JobState.Queued, JobState.Running))
            {
                LeaveQueue(slot);
                return true;
            }

            slot.ReleaseReference(); // completed while queued (cancelled, timed out): the lane lets go of it
        }

        slot = null!;
        return false;
    }

    public void OnCheckout(JobSlot slot, long now)
    {
        Interlocked.Increment(ref _busy.Value);
        MaybeGrow();
        if (_metrics.CheckoutWaitEnabled)
        {
            _metrics.Checkout(Time.GetElapsedTime(slot.EnqueuedTimestamp, now).TotalMilliseconds, PoolTag);
        }

        slot.Activity?.AddEvent(new ActivityEvent(SchedulerTelemetry.CheckoutEvent));
    }

    /// <summary>Completes a job a worker ran (the only way a running job completes).</summary>
    public void Finish(JobSlot slot, JobOutcome outcome, Exception? error, long started, Worker worker)
    {
        slot.MarkDoneFromRunning(); // only the running worker completes a running job: no race to win
        if (_metrics.RunTimeEnabled && started != 0)
        {
            _metrics.RunTime(Time.GetElapsedTime(started).TotalMilliseconds, PoolTag);
        }

        if (started != 0)
        {
            Interlocked.Decrement(ref _busy.Value);
        }

        ReleaseLease(slot);
        worker.CountOutcome(outcome); // counted by the worker alone: no shared counter to bounce per job
        Complete(slot, outcome, error, counted: true);
        slot.ReleaseReference();
        if (IsStopping && IsDrained)
        {
            WakeAll();
        }
    }

    private void Complete(JobSlot slot, JobOutcome outcome, Exception? error, bool counted = false)
    {
        if (!counted)
        {
            Interlocked.Increment(ref _outcomes[(int)outcome].Value);
        }

        _metrics.Outcome(outcome, PoolTag);
        if (slot.Activity is { } activity)
        {
            activity.SetTag("dspex.outcome", outcome.ToString());
            activity.SetStatus(outcome == JobOutcome.Completed ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error?.Message);
            activity.Dispose();
        }

        if (error is null)
        {
            slot.CompleteWithResult();
        }
        else
        {
            slot.CompleteWithError(error);
        }
    }

    private static void ReleaseLease(JobSlot slot)
    {
        if (slot.Lease is not null)
        {
            slot.TakeLease()?.Dispose();
        }
    }

    /// <summary>A queued job left the queue (taken, cancelled, timed out): frees its space.</summary>
    private void LeaveQueue(JobSlot slot)
    {
        if (slot.IsPrivate)
        {
            Interlocked.Decrement(ref _privateQueued); // first, so HasWork errs towards a spurious look, never a missed job
        }

        ReleaseQueueSpace();
    }

    private void ReleaseQueueSpace()
    {
        Interlocked.Decrement(ref _queued.Value);
        if (Volatile.Read(ref _spaceWaiterCount) > 0)
        {
            SignalSpace();
        }
    }

    /// <summary>Wakes one parked worker, or grows the pool when every worker is busy.</summary>
    private void SignalWork()
    {
        while (Idle.TryPop(out var index))
        {
            if (Volatile.Read(ref _workers[index]) is { } worker && worker.TryUnpark())
            {
                return;
            }
        }

        MaybeGrow();
    }

    /// <summary>Starts an extra worker when more jobs are queued than there are workers free to take them.</summary>
    private void MaybeGrow()
    {
        var workers = Volatile.Read(ref _workerCount);
        if (workers < _growthLimit && QueuedCount > workers - Volatile.Read(ref _busy.Value))
        {
            TryGrow();
        }
    }

    private void WakeAll()
    {
        foreach (var worker in _workers)
        {
            worker?.TryUnpark();
        }
    }
}
