using HdrHistogram;

namespace Dspex.Load;

/// <summary>
/// Drives one scenario for its phases. Open models send from a dedicated timing thread at the intended
/// offsets of <see cref="InjectionSchedule"/> and measure each call from its intended send, so a stalled
/// system cannot hide its queueing delay. Closed models run one async loop per caller.
/// </summary>
internal sealed class ScenarioRun
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private readonly Scenario _scenario;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<LoadSimulation> _phases;
    private readonly TimeSpan _total;
    private readonly LongHistogram _sendLag = StatsCollector.NewHistogram();
    private readonly CancellationTokenSource _endOfRun = new();
    private long _inFlight;
    private long _sent;
    private long _start;
    private long _firstMeasuredSend;
    private long _lastMeasuredSend;
    private long _measuredSends;

    public ScenarioRun(Scenario scenario, TimeProvider time)
    {
        _scenario = scenario;
        _time = time;
        _phases = scenario.PhasesWithWarmUp();
        _total = _phases.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.During);
        Stats = new StatsCollector(scenario.Name);
    }

    public Scenario Scenario => _scenario;

    public StatsCollector Stats { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public TimeSpan Total => _total;

    public TimeSpan Elapsed => _start == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_start);

    public async Task<ScenarioStats> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _endOfRun.Token);
        _start = _time.GetTimestamp();
        if (_phases[0].IsOpen)
        {
            // Completed by the injector thread itself: joining it from a pool thread would block one of the
            // few pool threads of a 2-core machine and delay every completion behind thread injection.
            var injected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var injector = new Thread(() =>
            {
                try
                {
                    InjectLoop(linked.Token);
                    injected.SetResult();
                }
                catch (Exception ex)
                {
                    injected.SetException(ex);
                }
            })
            {
                IsBackground = true,
                Name = $"dspex-load-injector:{_scenario.Name}",
                Priority = ThreadPriority.Highest,
            };
            injector.Start();
            await injected.Task.ConfigureAwait(false);
        }
        else
        {
            var copies = ClosedSchedule.MaxCopies(_phases);
            await Task.WhenAll(Enumerable.Range(0, copies).Select(c => Task.Run(() => CallerLoopAsync(c, linked.Token), CancellationToken.None))).ConfigureAwait(false);
        }

        if (_scenario.CancelInFlightAtEnd)
        {
            await _endOfRun.CancelAsync().ConfigureAwait(false);
        }

        var drainStart = _time.GetTimestamp();
        while (Interlocked.Read(ref _inFlight) > 0 && _time.GetElapsedTime(drainStart) < DrainTimeout)
        {
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }

        if (Interlocked.Read(ref _inFlight) > 0)
        {
            await _endOfRun.CancelAsync().ConfigureAwait(false);
        }

        var measured = _total - (_scenario.WarmUp > TimeSpan.Zero ? _scenario.WarmUp : TimeSpan.Zero);
        var requested = _phases[0].IsOpen ? InjectionSchedule.RequestedRate(_scenario.Simulations) : 0;
        double achieved = 0;
        if (_phases[0].IsOpen && _measuredSends > 1)
        {
            var span = (_lastMeasuredSend - _firstMeasuredSend) / (double)_time.TimestampFrequency;
            achieved = span > 0 ? (_measuredSends - 1) / span : 0;
            Stats.SetExtra("send_lag_p99_ms", _sendLag.GetValueAtPercentile(99) / 1000.0);
            Stats.SetExtra("requested_rate", requested);
            Stats.SetExtra("achieved_rate", achieved);
            Stats.SetExtra("rate_error%", requested == 0 ? 0 : 100.0 * Math.Abs(achieved - requested) / requested);
        }

        foreach (var (name, value) in _scenario.Metrics?.Invoke() ?? new Dictionary<string, double>())
        {
            Stats.SetExtra(name, value);
        }

        return Stats.Snapshot(measured, requested, achieved);
    }

    private void InjectLoop(CancellationToken token)
    {
        var warmUpEnd = _scenario.WarmUp > TimeSpan.Zero ? _scenario.WarmUp : TimeSpan.Zero;
        long invocation = 0;
        foreach (var offset in InjectionSchedule.IntendedOffsets(_phases))
        {
            var intended = _start + (long)(offset.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
            WaitUntil(intended, token);
            if (token.IsCancellationRequested)
            {
                return;
            }

            var measured = offset >= warmUpEnd;
            if (measured)
            {
                var now = _time.GetTimestamp();
                _firstMeasuredSend = _measuredSends == 0 ? now : _firstMeasuredSend;
                _lastMeasuredSend = now;
                _measuredSends++;
                _sendLag.RecordValue(Math.Max(0, (long)((now - intended) * 1_000_000.0 / _time.TimestampFrequency)));
            }

            Fire(new StepContext(invocation++, 0, token), intended, measured ? (offset - warmUpEnd).TotalSeconds : -1);
        }
    }

    /// <summary>Sleeps while far from the target, then yields and spins, so sends land within tens of microseconds.</summary>
    private void WaitUntil(long target, CancellationToken token)
    {
        var millisecond = _time.TimestampFrequency / 1000;
        while (!token.IsCancellationRequested)
        {
            var remaining = target - _time.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > 2 * millisecond)
            {
                Thread.Sleep(1);
            }
            else if (remaining > millisecond / 5)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }

    private async Task CallerLoopAsync(int copy, CancellationToken token)
    {
        var warmUpEnd = _scenario.WarmUp > TimeSpan.Zero ? _scenario.WarmUp : TimeSpan.Zero;
        long invocation = 0;
        while (!token.IsCancellationRequested)
        {
            var elapsed = _time.GetElapsedTime(_start);
            if (elapsed >= _total)
            {
                return;
            }

            if (copy >= ClosedSchedule.CopiesAt(_phases, elapsed))
            {
                await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            var sentAt = _time.GetTimestamp();
            var at = elapsed >= warmUpEnd ? (elapsed - warmUpEnd).TotalSeconds : -1;
            await FireAsync(new StepContext(invocation++, copy, token), sentAt, at).ConfigureAwait(false);
        }
    }

    private void Fire(StepContext context, long sentAt, double atSeconds)
    {
        var pending = FireAsync(context, sentAt, atSeconds);
        if (!pending.IsCompleted)
        {
            _ = pending.AsTask();
        }
    }

    private async ValueTask FireAsync(StepContext context, long sentAt, double atSeconds)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _inFlight);
        try
        {
            StepResult result;
            try
            {
                result = await _scenario.Step(context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                Stats.RecordCancelled();
                return;
            }
            catch (Exception ex)
            {
                result = StepResult.Fail(ex.GetType().Name);
            }

            if (atSeconds >= 0)
            {
                Stats.Record(result, _time.GetElapsedTime(sentAt), atSeconds);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
