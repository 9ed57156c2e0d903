using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dspex.Scheduler;

/// <summary>
/// Routes each job to its pool and runs it on one of that pool's dedicated workers, so that long optimizer
/// runs never delay short queries. Every accepted job reaches exactly one <see cref="JobOutcome"/>.
/// </summary>
/// <example>
/// <code>
/// await using var scheduler = new DspexScheduler(new DspexOptions());
/// await scheduler.StartAsync();
/// var answer = await scheduler.SubmitAsync(new DelegateJob&lt;string&gt;("dspy.Predict", ctx => "42"));
/// </code>
/// </example>
public sealed class DspexScheduler : IAsyncDisposable
{
    private readonly Dictionary<string, Pool> _pools;
    private readonly Pool[] _poolList;
    private readonly Router _router;
    private readonly SchedulerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;
    private int _lifecycle; // 0 new, 1 starting/started, 2 stopping/stopped
    private Task? _stopTask;

    /// <summary>Creates a scheduler; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Pools, routing and overflow options; validated now.</param>
    /// <param name="components">Clock, executors, admission gates and telemetry; defaults when null.</param>
    /// <exception cref="DspexConfigurationException">An option is invalid; the message names each key and value.</exception>
    public DspexScheduler(DspexOptions options, SchedulerComponents? components = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        components ??= new SchedulerComponents();
        var problems = DspexOptionsValidation.Validate(options, "Dspex");
        foreach (var name in components.Executors.Keys.Concat(components.AdmissionGates.Keys))
        {
            if (!options.Pools.ContainsKey(name))
            {
                problems.Add($"An executor or admission gate is registered for unknown pool '{name}' (known: {string.Join(", ", options.Pools.Keys.Order(StringComparer.Ordinal))}).");
            }
        }

        if (problems.Count > 0)
        {
            throw new DspexConfigurationException(problems);
        }

        _time = components.TimeProvider;
        _grace = options.ShutdownGracePeriod;
        var logger = (components.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DspexScheduler>();
        var bucket = options.SharedOverflow.Enabled ? new OverflowBucket(options.SharedOverflow, _time) : null;
        _pools = new Dictionary<string, Pool>(StringComparer.OrdinalIgnoreCase);
        _metrics = new SchedulerMetrics(components.MeterFactory, () => _poolList!);
        foreach (var (name, poolOptions) in options.Pools)
        {
            _pools[name] = new Pool(
                this,
                name,
                poolOptions.Clone(),
                components.Executors.TryGetValue(name, out var factory) ? factory : NullExecutor.Instance,
                components.AdmissionGates.TryGetValue(name, out var gate) ? gate : null,
                bucket,
                _time,
                _metrics,
                logger);
        }

        _poolList = [.. _pools.Values];
        _router = new Router(options.Routing);
    }

    /// <summary>The configured pools.</summary>
    public IReadOnlyCollection<string> Pools => _pools.Keys;

    /// <summary>Starts every pool's core workers concurrently and waits until each has its executor.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>A task that completes when all pools run.</returns>
    /// <exception cref="DspexStartException">A worker could not create its executor; names the pool and the cause.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 1, 0) != 0)
        {
            throw new InvalidOperationException("The scheduler has already been started.");
        }

        var starts = _poolList.Select(p => p.StartAsync(cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            var failure = starts.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault();
            if (failure is not null)
            {
                throw failure;
            }

            throw;
        }
    }

    /// <summary>
    /// Stops admission, lets queued and running jobs finish for the grace period, then cancels what is left
    /// (each with an outcome) and joins the workers.
    /// </summary>
    /// <param name="cancellationToken">Ends the grace period early.</param>
    /// <returns>A task that completes when every worker has exited.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _lifecycle, 2);
        lock (_pools)
        {
            return _stopTask ??= StopCoreAsync(cancellationToken);
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        foreach (var pool in _poolList)
        {
            pool.BeginStop();
        }

        var exited = Task.WhenAll(_poolList.Select(p => p.WhenWorkersExited()));
        try
        {
            await exited.WaitAsync(_grace, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            foreach (var pool in _poolList)
            {
                pool.CancelRemaining();
            }

            await exited.ConfigureAwait(false);
        }

        // Workers have exited; anything still queued (a pool that had no live workers) is cancelled here.
        foreach (var pool in _poolList)
        {
            pool.CancelRemaining();
        }

        _metrics.Dispose();
    }

    /// <summary>Stops the scheduler (see <see cref="StopAsync"/>).</summary>
    /// <returns>A task that completes when every worker has exited.</returns>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Routes and queues a job; the returned task completes with the job's result, or faults with its
    /// outcome's exception (<see cref="PoolSaturatedException"/>, <see cref="QueueTimeoutException"/>,
    /// <see cref="JobTimeoutException"/>, <see cref="WorkerCrashedException"/>, the job's own error), or is
    /// cancelled. When the pool's queue is full it waits for space (<see cref="PoolFullMode.Wait"/>) or rejects.
    /// </summary>
    /// <typeparam name="TResult">The job's result type.</typeparam>
    /// <param name="job">The job; the same instance may be submitted many times.</param>
    /// <param name="cancellationToken">Cancels the job: a queued job never starts; a running job sees the token.</param>
    /// <returns>The job's result.</returns>
    /// <exception cref="UnknownPoolException">The job names a pool that does not exist (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The job's priority is outside the pool's lanes (thrown at once).</exception>
    public ValueTask<TResult> SubmitAsync<TResult>(Job<TResult> job, CancellationToken cancellationToken = default)
    {
        var pool = Admit(job, out var priority);
        if (cancellationToken.IsCancellationRequested)
        {
            pool.CountOutcome(JobOutcome.Cancelled);
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        var slot = JobSlot<TResult>.Rent(job, pool, priority, cancellationToken);
        slot.EnqueuedTimestamp = _time.GetTimestamp();
        slot.Activity = _metrics.StartJobActivity(job.Module, pool.Name);
        switch (pool.TryEnqueue(slot))
        {
            case EnqueueResult.Accepted:
                return slot.Completion;
            case EnqueueResult.Full when pool.Options.FullMode == PoolFullMode.Wait:
                return WaitForSpaceThenSubmitAsync(pool, slot, cancellationToken);
            case var refused:
                return Refuse<TResult>(pool, slot, JobOutcome.Rejected, Refusal(pool, slot, refused));
        }
    }

    private static DspexException Refusal(Pool pool, JobSlot slot, EnqueueResult result) => result switch
    {
        EnqueueResult.Full => new PoolSaturatedException(pool.Name, pool.Options.QueueCapacity),
        EnqueueResult.SessionLost => new SessionLostException(pool.Name, slot.Affinity!.Value.WorkerId),
        EnqueueResult.WorkerBusy => new WorkerBusyException(pool.Name, slot.Affinity!.Value.WorkerId),
        _ => new SchedulerStoppedException(pool.Name),
    };

    /// <summary>Queues a job if its pool has space now; never blocks.</summary>
    /// <typeparam name="TResult">The job's result type.</typeparam>
    /// <param name="job">The job.</param>
    /// <param name="completion">The job's result when it was queued.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns><see langword="true"/> when the job was queued; <see langword="false"/> when the pool is full or stopping.</returns>
    /// <exception cref="UnknownPoolException">The job names a pool that does not exist.</exception>
    public bool TrySubmit<TResult>(Job<TResult> job, out ValueTask<TResult> completion, CancellationToken cancellationToken = default)
    {
        var pool = Admit(job, out var priority);
        var slot = JobSlot<TResult>.Rent(job, pool, priority, cancellationToken);
        slot.EnqueuedTimestamp = _time.GetTimestamp();
        if (pool.TryEnqueue(slot) == EnqueueResult.Accepted)
        {
            slot.Activity = _metrics.StartJobActivity(job.Module, pool.Name);
            completion = slot.Completion;
            return true;
        }

        slot.ReleaseReference();
        slot.ReleaseReference();
        completion = default;
        return false;
    }

    /// <summary>The pool a job with this module, category and explicit pool would go to.</summary>
    /// <param name="module">The module path.</param>
    /// <param name="category">A declared category, if any.</param>
    /// <param name="pool">An explicit pool, if any; it always wins.</param>
    /// <returns>The pool's name.</returns>
    /// <exception cref="UnknownPoolException">The explicit pool does not exist.</exception>
    public string Route(string module, string? category = null, string? pool = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        return ResolvePool(module, category, pool).Name;
    }

    /// <summary>A point-in-time view of one pool.</summary>
    /// <param name="pool">The pool's name.</param>
    /// <returns>Its workers, queue depths and outcome counts.</returns>
    /// <exception cref="UnknownPoolException">The pool does not exist.</exception>
    public PoolSnapshot GetSnapshot(string pool)
    {
        var p = _pools.GetValueOrDefault(pool) ?? throw new UnknownPoolException(pool, _pools.Keys);
        return new PoolSnapshot(
            p.Name,
            p.Options.Size,
            p.Options.MaxOverflow,
            p.TotalWorkers,
            p.BusyWorkers,
            [.. Enumerable.Range(0, p.Options.PriorityLevels).Select(p.QueueDepthAt)],
            p.DeferredCount,
            p.OutcomeCount(JobOutcome.Completed),
            p.OutcomeCount(JobOutcome.Failed),
            p.OutcomeCount(JobOutcome.Cancelled),
            p.OutcomeCount(JobOutcome.TimedOut),
            p.OutcomeCount(JobOutcome.Rejected),
            p.ExecutorsReplaced);
    }

    /// <summary>The pool object behind a name, for tests and benchmarks in this repository.</summary>
    internal Pool GetPool(string pool) => _pools[pool];

    private Pool Admit<TResult>(Job<TResult> job, out int priority)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (Volatile.Read(ref _lifecycle) == 0)
        {
            throw new InvalidOperationException("Start the scheduler (StartAsync) before submitting jobs.");
        }

        var pool = job.RoutedPool;
        if (pool?.Owner != this)
        {
            pool = ResolvePool(job.Module, job.Category, job.Pool);
            job.RoutedPool = pool;
        }

        priority = job.Priority ?? pool.Options.EffectiveDefaultPriority;
        if ((uint)priority >= (uint)pool.Options.PriorityLevels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(job),
                priority,
                $"Priority {priority} of job '{job.Module}' is outside pool '{pool.Name}', which has priorities 0 (highest) to {pool.Options.PriorityLevels - 1}.");
        }

        return pool;
    }

    private Pool ResolvePool(string module, string? category, string? explicitPool)
    {
        var name = explicitPool ?? _router.RouteByRules(module, category);
        return _pools.GetValueOrDefault(name) ?? throw new UnknownPoolException(name, _pools.Keys);
    }

    private async ValueTask<TResult> WaitForSpaceThenSubmitAsync<TResult>(Pool pool, JobSlot<TResult> slot, CancellationToken cancellationToken)
    {
        var timeout = pool.Options.QueueTimeout;
        while (true)
        {
            var remaining = timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - _time.GetElapsedTime(slot.EnqueuedTimestamp);
            bool mayHaveSpace;
            try
            {
                mayHaveSpace = remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero
                    ? false
                    : await pool.WaitForSpaceAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await Refuse<TResult>(pool, slot, JobOutcome.Cancelled, null).ConfigureAwait(false);
                throw;
            }

            if (!mayHaveSpace)
            {
                return await Refuse<TResult>(pool, slot, JobOutcome.TimedOut, new QueueTimeoutException(pool.Name, slot.Module, timeout)).ConfigureAwait(false);
            }

            var result = pool.TryEnqueue(slot);
            if (result == EnqueueResult.Accepted)
            {
                return await slot.Completion.ConfigureAwait(false);
            }

            if (result != EnqueueResult.Full)
            {
                return await Refuse<TResult>(pool, slot, JobOutcome.Rejected, Refusal(pool, slot, result)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends a submission that never entered a lane: counts its outcome and frees its slot.</summary>
    private static ValueTask<TResult> Refuse<TResult>(Pool pool, JobSlot<TResult> slot, JobOutcome outcome, Exception? error)
    {
        pool.CountOutcome(outcome);
        slot.Activity?.Dispose();
        slot.ReleaseReference();
        slot.ReleaseReference();
        return error is null ? ValueTask.FromResult(default(TResult)!) : ValueTask.FromException<TResult>(error);
    }
}
