namespace Dspex.Scheduler;

/// <summary>
/// One dedicated worker thread, bound for its life to an executor created on that thread. It takes jobs
/// lock-free and parks on its own event only when there is nothing to do.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The worker thread disposes its event and token source when it exits.")]
internal sealed class Worker
{
    /// <summary>Rounds an idle worker spins looking for work before it parks (about a microsecond in all).</summary>
    private const int IdleSpins = 16;

    /// <summary>Rounds a worker spins while a job is reserved but not yet published, before it yields.</summary>
    private const int PublishSpins = 8;

    /// <summary>Pause instructions per spin round.</summary>
    private const int SpinIterations = 16;

    private static long s_executorEpochs;

    private readonly Pool _pool;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 20);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopRunning = new();
    private readonly JobContext _context;
    private readonly Thread _thread;
    private readonly long[] _outcomes = new long[Enum.GetValues<JobOutcome>().Length];
    private int _state;
    private long _parkedAt;
    private int _closed;
    private IJobExecutor? _executor;
    private long _executorEpoch;
    private long _executorCreatedAt;
    private int _executorRequests;
    private int _executorDied;

    public Worker(Pool pool, int index, WorkerKind kind)
    {
        _pool = pool;
        Index = index;
        Info = new WorkerInfo(pool.Name, index, kind);
        _context = new JobContext(Info);
        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = $"dspex-{pool.Name}-{index}",
        };
    }

    public int Index { get; }

    public WorkerInfo Info { get; }

    public WorkerKind Kind => Info.Kind;

    /// <summary>Completes when the executor exists, or faults with the factory's error.</summary>
    public Task Started => _started.Task;

    public Task Exited => _exited.Task;

    public WorkerState State => (WorkerState)Volatile.Read(ref _state);

    public long ParkedAt => Volatile.Read(ref _parkedAt);

    public void Start() => _thread.Start();

    /// <summary>Jobs only this worker may take (session affinity).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<JobSlot> PrivateQueue { get; } = new();

    /// <summary>Identifies the current executor; a replaced executor gets a new epoch.</summary>
    public long ExecutorEpoch => Volatile.Read(ref _executorEpoch);

    /// <summary>Set when the worker leaves: nothing more may be added to its private queue.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public void Close() => Volatile.Write(ref _closed, 1);

    /// <summary>Outcomes of the jobs this worker ran (written by this worker's thread only).</summary>
    public long OutcomeCount(JobOutcome outcome) => Volatile.Read(ref _outcomes[(int)outcome]);

    public void CountOutcome(JobOutcome outcome) => Volatile.Write(ref _outcomes[(int)outcome], _outcomes[(int)outcome] + 1);

    /// <summary>Wakes the worker if it is parked; <see langword="false"/> when it is not (it will look for work itself).</summary>
    public bool TryUnpark()
    {
        if (Interlocked.CompareExchange(ref _state, (int)WorkerState.Signalled, (int)WorkerState.Parked) != (int)WorkerState.Parked)
        {
            return false;
        }

        _wake.Set();
        return true;
    }

    /// <summary>Retires a parked worker (idle reaping); <see langword="false"/> when it is not parked.</summary>
    public bool TryRetire()
    {
        if (Interlocked.CompareExchange(ref _state, (int)WorkerState.Retiring, (int)WorkerState.Parked) != (int)WorkerState.Parked)
        {
            return false;
        }

        _wake.Set();
        return true;
    }

    /// <summary>Cancels the token of the job this worker runs (shutdown past its grace period).</summary>
    public void CancelRunning() => _stopRunning.Cancel();

    private void Run()
    {
        try
        {
            try
            {
                _executor = CreateExecutor();
            }
            catch (Exception ex)
            {
                _started.TrySetException(ex);
                return;
            }

            _started.TrySetResult();
            Loop();
        }
        finally
        {
            try
            {
                _executor?.Dispose();
            }
            catch (Exception ex)
            {
                _pool.ReportExecutorDisposeFailure(Info, ex);
            }

            _executor = null;
            _wake.Dispose();
            _stopRunning.Dispose();
            _pool.OnWorkerExited(this);
            _exited.TrySetResult();
        }
    }

    private void Loop()
    {
        var idleRounds = 0;
        var publishRounds = 0;
        while (true)
        {
            if (Volatile.Read(ref _executorDied) != 0 && !ReplaceDeadExecutor())
            {
                return; // the replacement executor could not be created; the pool restarts this worker
            }

            if (_pool.TryTake(out var slot, this))
            {
                idleRounds = 0;
                publishRounds = 0;
                RunJob(slot);
                if (_executor is null)
                {
                    return; // the replacement executor could not be created; the pool restarts this worker
                }

                continue;
            }

            if (_pool.IsStopping && _pool.IsDrained)
            {
                return;
            }

            if (_pool.HasWorkFor(this))
            {
                // A job is reserved but its producer has not published it yet. Spin a few rounds, then yield:
                // on an oversubscribed machine the producer may be preempted mid-publish, and a spinning
                // worker would hold the very CPU it needs.
                idleRounds = 0;
                if (++publishRounds <= PublishSpins)
                {
                    Thread.SpinWait(SpinIterations);
                }
                else
                {
                    Thread.Yield();
                }

                continue;
            }

            // Nothing queued: spin briefly (new work usually arrives within microseconds, and a park plus a
            // kernel wake-up per job costs far more), then park.
            publishRounds = 0;
            if (++idleRounds <= IdleSpins)
            {
                Thread.SpinWait(SpinIterations);
                continue;
            }

            idleRounds = 0;
            if (!Park())
            {
                return;
            }
        }
    }

    /// <summary>Parks until signalled; returns <see langword="false"/> when the worker must stop.</summary>
    private bool Park()
    {
        _wake.Reset();
        Volatile.Write(ref _parkedAt, _pool.Time.GetTimestamp());
        Interlocked.Exchange(ref _state, (int)WorkerState.Parked);
        _pool.Idle.Push(Index);

        // Re-check after publishing "parked": a submitter that enqueued (or an executor that died) before it
        // could see us will not wake us.
        if (_pool.HasWorkFor(this) || _pool.IsStopping || Volatile.Read(ref _executorDied) != 0)
        {
            if (Interlocked.CompareExchange(ref _state, (int)WorkerState.Active, (int)WorkerState.Parked) == (int)WorkerState.Parked)
            {
                return !(_pool.IsStopping && _pool.IsDrained);
            }
        }

        _wake.Wait();
        if (Interlocked.Exchange(ref _state, (int)WorkerState.Active) == (int)WorkerState.Retiring)
        {
            return false;
        }

        return true;
    }

    private void RunJob(JobSlot slot)
    {
        var pool = _pool;
        var outcome = JobOutcome.Completed;
        Exception? error = null;
        CancellationTokenSource? linked = null;
        RunTimeoutWatch? timeoutWatch = null;
        var started = 0L;

        try
        {
            if (slot.Lease is null && !slot.Resources.IsEmpty && pool.Gate is { } gate && !pool.Admit(slot, gate))
            {
                return; // deferred to the gate, or already completed by it
            }

            started = pool.Time.GetTimestamp();
            pool.OnCheckout(slot, started);

            var runToken = _stopRunning.Token;
            var callerToken = slot.CallerToken;
            var runTimeout = slot.RunTimeout;
            if (callerToken.CanBeCanceled || runTimeout is not null)
            {
                linked = callerToken.CanBeCanceled
                    ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, runToken)
                    : CancellationTokenSource.CreateLinkedTokenSource(runToken);
                runToken = linked.Token;
                if (runTimeout is { } timeout)
                {
                    timeoutWatch = new RunTimeoutWatch(linked, pool.Time, timeout);
                }
            }

            _context.CancellationToken = runToken;
            _context.Device = slot.Lease?.Device;

            // An executor can die while its worker is parked (its process killed, out of memory) and
            // nothing notices until a job comes. This job has not started, so it runs on a replacement
            // whether or not it is idempotent, and the check costs nothing when the executor is healthy.
            if (!_executor!.IsHealthy)
            {
                var dead = new WorkerCrashedException(pool.Name, $"Worker {Info.Id} of pool '{pool.Name}' found its executor dead before job '{slot.Module}' started and could not replace it.");
                if (!ReplaceExecutor(dead: true))
                {
                    error = dead;
                    outcome = JobOutcome.Failed;
                    return;
                }
            }

            _context.ExecutorEpoch = ExecutorEpoch;
            if (slot.Affinity is { Mode: not AffinityMode.Hint, ExecutorEpoch: not 0 } affinity && affinity.ExecutorEpoch != ExecutorEpoch)
            {
                outcome = JobOutcome.Failed; // the executor holding the session was replaced while the job waited
                error = new SessionLostException(pool.Name, Index);
                return;
            }

            while (true)
            {
                slot.Attempt++;
                _context.Attempt = slot.Attempt;
                _context.Executor = _executor!;
                try
                {
                    runToken.ThrowIfCancellationRequested();
                    slot.Execute(_context);
                    outcome = JobOutcome.Completed;
                    error = null;
                    break;
                }
                catch (WorkerCrashedException crash)
                {
                    error = crash;
                    outcome = JobOutcome.Failed;
                    var replaced = ReplaceExecutor(dead: true);
                    _context.ExecutorEpoch = ExecutorEpoch;
                    if (!replaced || !slot.Idempotent || slot.Attempt > pool.Options.MaxCrashRetries || runToken.IsCancellationRequested)
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    error = ex;
                    outcome = JobOutcome.Failed;
                    break;
                }
            }

            if (error is not null)
            {
                if (callerToken.IsCancellationRequested)
                {
                    outcome = JobOutcome.Cancelled;
                    error = error as OperationCanceledException ?? new OperationCanceledException(error.Message, error, callerToken);
                }
                else if (timeoutWatch?.Fired == true)
                {
                    outcome = JobOutcome.TimedOut;
                    error = new JobTimeoutException(pool.Name, slot.Module, runTimeout!.Value, error);
                }
                else if (_stopRunning.IsCancellationRequested && error is OperationCanceledException)
                {
                    outcome = JobOutcome.Cancelled;
                }
            }
        }
        finally
        {
            timeoutWatch?.Dispose();
            linked?.Dispose();
            _context.CancellationToken = default;
            _context.Device = null;
            if (slot.State == JobState.Running)
            {
                pool.Finish(slot, outcome, error, started, this);
                AfterJob();
            }
        }
    }

    private void AfterJob()
    {
        if (_executor is null)
        {
            return;
        }

        _executorRequests++;
        var options = _pool.Options;
        var recycle = !_executor.IsHealthy
            || (options.MaxRequestsPerWorker > 0 && _executorRequests >= options.MaxRequestsPerWorker)
            || (options.MaxWorkerAge != Timeout.InfiniteTimeSpan && _pool.Time.GetElapsedTime(_executorCreatedAt) >= options.MaxWorkerAge);
        if (recycle)
        {
            ReplaceExecutor(dead: false);
        }
    }

    /// <summary>
    /// Replaces the executor. After a crash the dead one goes first; when recycling a live one its
    /// replacement is created before it is disposed. Returns <see langword="false"/> if no replacement could
    /// be created: the worker then exits and the pool restarts it.
    /// </summary>
    private bool ReplaceExecutor(bool dead)
    {
        var old = _executor;
        if (dead)
        {
            DisposeQuietly(old);
            _executor = null;
        }

        try
        {
            _executor = CreateExecutor();
        }
        catch (Exception ex)
        {
            _pool.ReportExecutorStartFailure(Info, ex);
            if (!dead)
            {
                DisposeQuietly(old);
            }

            _executor = null;
            return false;
        }

        if (!dead)
        {
            DisposeQuietly(old);
        }

        _pool.OnExecutorReplaced();
        return true;
    }

    /// <summary>
    /// An idle worker's executor died (its process exited): replace it now, so the pool is back to full
    /// strength before a job needs it. A stale notice from an executor already replaced changes nothing.
    /// </summary>
    private bool ReplaceDeadExecutor()
    {
        Interlocked.Exchange(ref _executorDied, 0);
        if (_executor is not { IsHealthy: false })
        {
            return true;
        }

        return ReplaceExecutor(dead: true);
    }

    private void OnExecutorDied()
    {
        Interlocked.Exchange(ref _executorDied, 1);
        TryUnpark();
    }

    private IJobExecutor CreateExecutor()
    {
        var executor = _pool.ExecutorFactory.Create(Info);
        (executor as IExecutorDeathWatch)?.WatchDeath(OnExecutorDied);
        Volatile.Write(ref _executorEpoch, Interlocked.Increment(ref s_executorEpochs));
        _executorCreatedAt = _pool.Time.GetTimestamp();
        _executorRequests = 0;
        return executor;
    }

    private void DisposeQuietly(IJobExecutor? executor)
    {
        try
        {
            executor?.Dispose();
        }
        catch (Exception ex)
        {
            _pool.ReportExecutorDisposeFailure(Info, ex);
        }
    }

    /// <summary>Cancels a running job's token when its own timeout passes; allocated only for jobs that set one.</summary>
    private sealed class RunTimeoutWatch : IDisposable
    {
        private readonly ITimer _timer;
        private int _fired;

        public RunTimeoutWatch(CancellationTokenSource source, TimeProvider time, TimeSpan timeout)
            => _timer = time.CreateTimer(
                state =>
                {
                    var self = (RunTimeoutWatch)state!;
                    Volatile.Write(ref self._fired, 1);
                    source.Cancel();
                },
                this,
                timeout,
                Timeout.InfiniteTimeSpan);

        public bool Fired => Volatile.Read(ref _fired) != 0;

        public void Dispose() => _timer.Dispose();
    }
}
