using System.Diagnostics;

namespace Dspex.Scheduler;

/// <summary>
/// One dedicated worker thread, bound for its life to an executor created on that thread. It takes jobs
/// lock-free and parks on its own event only when there is nothing to do.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The worker thread disposes its event and token source when it exits.")]
internal sealed class Worker
{
    /// <summary>Rounds of <see cref="SpinWait"/> an idle worker spends looking for work before it parks.</summary>
    private const int IdleSpins = 24;

    private readonly Pool _pool;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 20);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly JobContext _context;
    private readonly Thread _thread;
    private int _state;
    private long _parkedAt;
    private IJobExecutor? _executor;
    private long _executorCreatedAt;
    private int _executorRequests;
    private readonly CancellationTokenSource _stopRunning = new();

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
        var spinner = default(SpinWait);
        while (true)
        {
            if (_pool.TryTake(out var slot))
            {
                spinner.Reset();
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

            if (_pool.HasWork || spinner.Count < IdleSpins)
            {
                // Work is being published, or may arrive within microseconds: a short bounded spin (yielding
                // after a few rounds) is far cheaper than a park and a kernel wake-up per job.
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

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

        // Re-check after publishing "parked": a submitter that enqueued before it could see us will not wake us.
        if (_pool.HasWork || _pool.IsStopping)
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
                    var replaced = ReplaceExecutor(crash);
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
                pool.Finish(slot, outcome, error, started);
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
            ReplaceExecutor(null);
        }
    }

    /// <summary>
    /// Replaces the executor. After a crash the dead one goes first; when recycling a live one its
    /// replacement is created before it is disposed. Returns <see langword="false"/> if no replacement could
    /// be created: the worker then exits and the pool restarts it.
    /// </summary>
    private bool ReplaceExecutor(Exception? crash)
    {
        var old = _executor;
        if (crash is not null)
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
            if (crash is null)
            {
                DisposeQuietly(old);
            }

            _executor = null;
            return false;
        }

        if (crash is null)
        {
            DisposeQuietly(old);
        }

        _pool.OnExecutorReplaced();
        return true;
    }

    private IJobExecutor CreateExecutor()
    {
        var executor = _pool.ExecutorFactory.Create(Info);
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

    internal static Activity? StartActivity(SchedulerMetrics metrics, string module, string pool)
    {
        var activity = metrics.ActivitySource.StartActivity(SchedulerTelemetry.JobActivity, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("dspex.module", module);
            activity.SetTag("dspex.pool", pool);
        }

        return activity;
    }
}
