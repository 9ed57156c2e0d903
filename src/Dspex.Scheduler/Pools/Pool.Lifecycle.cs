using Microsoft.Extensions.Logging;

namespace Dspex.Scheduler;

/// <summary>Growth, idle reaping, timeouts, admission, cancellation and shutdown of a pool.</summary>
internal sealed partial class Pool
{
    private void TryGrow()
    {
        if (IsStopping || QueuedCount == 0)
        {
            return;
        }

        var own = Options.Size + Options.MaxOverflow;
        while (true)
        {
            var count = Volatile.Read(ref _workerCount);
            if (count < own)
            {
                if (Interlocked.CompareExchange(ref _workerCount, count + 1, count) == count)
                {
                    StartExtraWorker(WorkerKind.Overflow);
                    return;
                }

                continue;
            }

            if (count >= _workers.Length || _sharedOverflow is null || !_sharedOverflow.TryBorrow())
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _workerCount, count + 1, count) == count)
            {
                _metrics.Borrowed(PoolTag);
                StartExtraWorker(WorkerKind.Borrowed);
                return;
            }

            _sharedOverflow.Return();
        }
    }

    private void StartExtraWorker(WorkerKind kind)
    {
        for (var index = 0; index < _workers.Length; index++)
        {
            if (Volatile.Read(ref _workers[index]) is not null)
            {
                continue;
            }

            var worker = new Worker(this, index, kind);
            if (Interlocked.CompareExchange(ref _workers[index], worker, null) is null)
            {
                worker.Start();
                return;
            }
        }

        // The count was reserved, so a free index exists unless a stopping worker has not cleared its entry yet.
        Interlocked.Decrement(ref _workerCount);
        if (kind == WorkerKind.Borrowed)
        {
            _sharedOverflow!.Return();
        }
    }

    private EnqueueResult EnqueuePrivate(JobSlot slot, Worker owner)
    {
        slot.IsPrivate = true;
        Interlocked.Increment(ref _privateQueued);
        owner.PrivateQueue.Enqueue(slot);
        slot.WatchCallerToken();
        if (owner.IsClosed)
        {
            FailPrivateQueue(owner); // the worker left while we queued: its session is gone
        }
        else
        {
            owner.TryUnpark();
        }

        return EnqueueResult.Accepted;
    }

    private bool TryTakePrivate(Worker worker, out JobSlot slot)
    {
        while (worker.PrivateQueue.TryDequeue(out var candidate))
        {
            if (candidate.TryTransition(JobState.Queued, JobState.Running))
            {
                LeaveQueue(candidate);
                slot = candidate;
                return true;
            }

            candidate.ReleaseReference();
        }

        slot = null!;
        return false;
    }

    /// <summary>Fails the session jobs waiting for a worker that left, or that shutdown cancels.</summary>
    private void FailPrivateQueue(Worker worker, Func<Exception>? error = null)
    {
        while (worker.PrivateQueue.TryDequeue(out var slot))
        {
            var generation = slot.Generation;
            if (slot.TryTransition(generation, JobState.Queued, JobState.Done))
            {
                LeaveQueue(slot);
                Complete(slot, error is null ? JobOutcome.Failed : JobOutcome.Cancelled, error?.Invoke() ?? new SessionLostException(Name, worker.Index));
            }

            slot.ReleaseReference();
        }
    }

    public void OnWorkerExited(Worker worker)
    {
        worker.Close();
        FailPrivateQueue(worker);
        FoldOutcomes(worker);
        Interlocked.CompareExchange(ref _workers[worker.Index], null, worker);
        Interlocked.Decrement(ref _workerCount);
        if (worker.Kind == WorkerKind.Borrowed)
        {
            _sharedOverflow!.Return();
        }

        if (worker.Kind == WorkerKind.Core && !IsStopping && worker.Started.IsCompletedSuccessfully)
        {
            ScheduleCoreRestart(worker.Index, TimeSpan.FromMilliseconds(100));
        }
        else if (HasWork && !IsStopping)
        {
            SignalWork();
        }
    }

    /// <summary>A core worker whose executor could not be replaced is restarted after a back-off, doubling to 5 s.</summary>
    private void ScheduleCoreRestart(int index, TimeSpan delay)
    {
        Interlocked.Increment(ref _restartsPending);
        ITimer? timer = null;
        timer = Time.CreateTimer(
            _ =>
            {
                timer?.Dispose();
                Interlocked.Decrement(ref _restartsPending);
                if (IsStopping)
                {
                    return;
                }

                Interlocked.Increment(ref _workerCount);
                var worker = new Worker(this, index, WorkerKind.Core);
                if (Interlocked.CompareExchange(ref _workers[index], worker, null) is not null)
                {
                    Interlocked.Decrement(ref _workerCount);
                    return;
                }

                worker.Started.ContinueWith(
                    t =>
                    {
                        if (t.IsFaulted)
                        {
                            ReportExecutorStartFailure(worker.Info, t.Exception!.InnerException!);
                            var next = delay * 2 > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : delay * 2;
                            ScheduleCoreRestart(index, next);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                worker.Start();
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>Executors replaced so far, after a crash (while running or idle) or for recycling.</summary>
    public long ExecutorsReplaced => Interlocked.Read(ref _executorsReplaced);

    public void OnExecutorReplaced()
    {
        Interlocked.Increment(ref _executorsReplaced);
        _metrics.ExecutorReplaced(PoolTag);
    }


    public void ReportExecutorStartFailure(WorkerInfo worker, Exception error)
        => LogExecutorStartFailed(_logger, error, worker.Pool, worker.Id);

    public void ReportExecutorDisposeFailure(WorkerInfo worker, Exception error)
        => LogExecutorDisposeFailed(_logger, error, worker.Pool, worker.Id);

    /// <summary>Periodic work: queue timeouts and retiring idle overflow workers.</summary>
    private void Maintain()
    {
        try
        {
            ExpireQueued();
            ReapIdleWorkers();
        }
        catch (Exception ex)
        {
            LogMaintenanceFailed(_logger, ex, Name);
        }
    }

    private void ExpireQueued()
    {
        if (_queueTimeoutTicks == long.MaxValue)
        {
            return;
        }

        var now = Time.GetTimestamp();
        for (var priority = 0; priority < _lanes.Levels; priority++)
        {
            _lanes.VisitFromHead(priority, int.MaxValue, now, (slot, at) =>
            {
                var generation = slot.Generation;
                if (slot.State != JobState.Queued)
                {
                    return true;
                }

                if (at - slot.EnqueuedTimestamp < _queueTimeoutTicks)
                {
                    return false; // lanes are FIFO: everything behind is younger
                }

                if (slot.TryTransition(generation, JobState.Queued, JobState.Done))
                {
                    LeaveQueue(slot);
                    Complete(slot, JobOutcome.TimedOut, new QueueTimeoutException(Name, slot.Module, Options.QueueTimeout));
                }

                return true;
            });
        }

        if (Volatile.Read(ref _privateQueued) > 0)
        {
            foreach (var worker in _workers)
            {
                if (worker is null || worker.PrivateQueue.IsEmpty)
                {
                    continue;
                }

                foreach (var slot in worker.PrivateQueue)
                {
                    var generation = slot.Generation;
                    if (slot.State == JobState.Queued && now - slot.EnqueuedTimestamp >= _queueTimeoutTicks
                        && slot.TryTransition(generation, JobState.Queued, JobState.Done))
                    {
                        LeaveQueue(slot);
                        Complete(slot, JobOutcome.TimedOut, new QueueTimeoutException(Name, slot.Module, Options.QueueTimeout));
                    }
                }
            }
        }

        if (Volatile.Read(ref _deferredCount) == 0)
        {
            return;
        }

        foreach (var slot in _deferred.Keys)
        {
            var generation = slot.Generation;
            if (now - slot.EnqueuedTimestamp >= _queueTimeoutTicks && slot.TryTransition(generation, JobState.Deferred, JobState.Done))
            {
                EndDeferral(slot);
                Complete(slot, JobOutcome.TimedOut, new QueueTimeoutException(Name, slot.Module, Options.QueueTimeout));
                slot.ReleaseReference();
            }
        }
    }

    private void ReapIdleWorkers()
    {
        var idleTicks = (long)(Options.IdleTimeout.TotalSeconds * Time.TimestampFrequency);
        var now = Time.GetTimestamp();
        foreach (var worker in _workers)
        {
            if (worker is { Kind: not WorkerKind.Core, State: WorkerState.Parked } && now - worker.ParkedAt >= idleTicks)
            {
                worker.TryRetire();
            }
        }
    }

    /// <summary>Asks the gate; returns <see langword="true"/> when the job may run now on this worker.</summary>
    public bool Admit(JobSlot slot, IAdmissionGate gate)
    {
        var generation = slot.Generation;

        // Deferred before asking: a gate may admit the ticket from another thread before Request returns.
        Interlocked.Increment(ref _deferredCount);
        _deferred[slot] = generation;
        slot.TryTransition(generation, JobState.Running, JobState.Deferred);
        AdmissionDecision decision;
        try
        {
            decision = gate.Request(new AdmissionTicket(slot, generation, Name, slot.Module, slot.Resources, slot.Priority));
        }
        catch (Exception ex)
        {
            decision = AdmissionDecision.Reject(ex);
        }

        switch (decision.Kind)
        {
            case AdmissionDecisionKind.Admitted:
                if (slot.TryTransition(generation, JobState.Deferred, JobState.Running))
                {
                    EndDeferral(slot);
                    slot.SetLease(decision.Lease!);
                    return true;
                }

                decision.Lease!.Dispose(); // cancelled or timed out meanwhile: whoever completed it released it
                return false;
            case AdmissionDecisionKind.Rejected:
                TryRejectDeferred(slot, generation, decision.Error!);
                return false;
            default:
                return false;
        }
    }

    public bool TryAdmitDeferred(JobSlot slot, int generation, AdmissionLease lease)
    {
        if (!slot.TryTransition(generation, JobState.Deferred, JobState.Admitted))
        {
            return false;
        }

        slot.SetLease(lease);
        if (slot.State == JobState.Done)
        {
            ReleaseLease(slot); // cancelled between admission and taking the lease
        }

        _deferred.TryRemove(slot, out _);
        _admitted.Enqueue(slot);
        SignalWork();
        return true;
    }

    public bool TryRejectDeferred(JobSlot slot, int generation, Exception error)
    {
        if (!slot.TryTransition(generation, JobState.Deferred, JobState.Done))
        {
            return false;
        }

        EndDeferral(slot);
        Complete(slot, JobOutcome.Rejected, error);
        slot.ReleaseReference();
        return true;
    }

    private void EndDeferral(JobSlot slot)
    {
        _deferred.TryRemove(slot, out _);
        Interlocked.Decrement(ref _deferredCount);
        if (IsStopping && IsDrained)
        {
            WakeAll();
        }
    }

    /// <summary>The caller's token fired: a job not yet running completes as cancelled at once.</summary>
    public void OnCallerCancelled(JobSlot slot)
    {
        var generation = slot.Generation;
        var error = new OperationCanceledException(slot.CallerToken);
        switch (slot.State)
        {
            case JobState.Queued when slot.TryTransition(generation, JobState.Queued, JobState.Done):
                LeaveQueue(slot);
                Complete(slot, JobOutcome.Cancelled, error);
                break;
            case JobState.Deferred when slot.TryTransition(generation, JobState.Deferred, JobState.Done):
                EndDeferral(slot);
                Complete(slot, JobOutcome.Cancelled, error);
                slot.ReleaseReference();
                break;
            case JobState.Admitted when slot.TryTransition(generation, JobState.Admitted, JobState.Done):
                ReleaseLease(slot);
                Interlocked.Decrement(ref _deferredCount);
                Complete(slot, JobOutcome.Cancelled, error);
                break;
            default:
                break; // running jobs see the token themselves; completed ones need nothing
        }
    }

    /// <summary>Waits until the queue may have space again, or the deadline passes.</summary>
    public async ValueTask<bool> WaitForSpaceAsync(TimeSpan remaining, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _spaceWaiterCount);
        _spaceWaiters.Enqueue(waiter);
        try
        {
            if (QueuedCount < Options.QueueCapacity || IsStopping)
            {
                return true; // space appeared (or shutdown began) while registering
            }

            var task = waiter.Task;
            return remaining == Timeout.InfiniteTimeSpan
                ? await task.WaitAsync(cancellationToken).ConfigureAwait(false)
                : await task.WaitAsync(remaining, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            waiter.TrySetResult(false);
            Interlocked.Decrement(ref _spaceWaiterCount);
        }
    }

    private void SignalSpace()
    {
        while (_spaceWaiters.TryDequeue(out var waiter))
        {
            if (waiter.TrySetResult(true))
            {
                return;
            }
        }
    }

    /// <summary>Stops admission and wakes every worker so that they drain the lanes and exit.</summary>
    public void BeginStop()
    {
        Interlocked.Or(ref _queued.Value, StoppingFlag);
        _maintenance?.Dispose();
        while (_spaceWaiters.TryDequeue(out var waiter))
        {
            waiter.TrySetResult(true);
        }

        WakeAll();
    }

    /// <summary>The grace period ended: cancel queued, deferred and running jobs, each with an outcome.</summary>
    public void CancelRemaining()
    {
        foreach (var worker in _workers)
        {
            worker?.CancelRunning();
            if (worker is not null)
            {
                FailPrivateQueue(worker, () => new SchedulerStoppedException(Name));
            }
        }

        while (TryTake(out var slot))
        {
            slot.TryTransition(JobState.Running, JobState.Done);
            ReleaseLease(slot);
            Complete(slot, JobOutcome.Cancelled, new SchedulerStoppedException(Name));
            slot.ReleaseReference();
        }

        foreach (var slot in _deferred.Keys)
        {
            var generation = slot.Generation;
            if (slot.TryTransition(generation, JobState.Deferred, JobState.Done))
            {
                EndDeferral(slot);
                Complete(slot, JobOutcome.Cancelled, new SchedulerStoppedException(Name));
                slot.ReleaseReference();
            }
        }

        WakeAll();
    }

    /// <summary>Completes when every worker has exited.</summary>
    public Task WhenWorkersExited() => Task.WhenAll(_workers.OfType<Worker>().Select(w => w.Exited));

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Pool '{Pool}' worker {Worker} could not create its executor.")]
    private static partial void LogExecutorStartFailed(ILogger logger, Exception error, string pool, int worker);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Pool '{Pool}' worker {Worker} failed to dispose its executor.")]
    private static partial void LogExecutorDisposeFailed(ILogger logger, Exception error, string pool, int worker);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Pool '{Pool}' maintenance failed.")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception error, string pool);
}
