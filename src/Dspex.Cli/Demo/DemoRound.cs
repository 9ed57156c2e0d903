using System.Diagnostics;
using System.Text.Json.Nodes;
using Dspex.Pipelines;
using Dspex.Scheduler;

namespace Dspex.Cli;

/// <summary>
/// Runs the mixed workload against one set-up: optimizer callers in closed loops, general and neural queries
/// on a fixed schedule (open model), latency measured from each query's scheduled time so a stalled queue
/// cannot hide its delay (no coordinated omission).
/// </summary>
internal sealed class DemoRound(DemoSetup setup, DemoSettings settings)
{
    private readonly Dictionary<string, LatencyLog> _logs = Workload.All.ToDictionary(w => w, _ => new LatencyLog());

    public DemoSetup Setup => setup;

    public DspexScheduler? Scheduler { get; private set; }

    public IReadOnlyDictionary<string, LatencyLog> Logs => _logs;

    public IReadOnlyDictionary<string, string> PoolOf { get; private set; } = new Dictionary<string, string>();

    /// <summary>Seconds measured so far, for the live view.</summary>
    public double Elapsed => _measureStart == 0 ? 0 : Stopwatch.GetElapsedTime(_measureStart).TotalSeconds;

    private long _measureStart;

    public async Task<RoundResult> RunAsync(CancellationToken cancellationToken)
    {
        var scheduler = new DspexScheduler(setup.Options, PythonPools.Components(setup.Options));
        await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
        Scheduler = scheduler;
        await using (scheduler.ConfigureAwait(false))
        {
            using var runner = new PipelineRunner(scheduler, new PipelineRunnerOptions { Bridge = PythonBridges.ByExecutor });
            PoolOf = new Dictionary<string, string>
            {
                [Workload.General] = (await runner.RouteAsync("dspex.examples.api.normalize", cancellationToken).ConfigureAwait(false)).Pool,
                [Workload.Neural] = (await runner.RouteAsync("dspex.examples.api.retrieve", cancellationToken).ConfigureAwait(false)).Pool,
                [Workload.Optimizer] = (await runner.RouteAsync("dspex.examples.api.optimize", cancellationToken).ConfigureAwait(false)).Pool,
            };

            var start = Stopwatch.GetTimestamp();
            var measureFrom = start + Ticks(settings.WarmUp);
            var end = measureFrom + Ticks(settings.Duration);
            using var optimizers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var optimizerRun = Workload.OptimizerRun(settings.OptimizerBudget);
            var callers = Enumerable.Range(0, settings.OptimizerCallers)
                .Select(i => OptimizerCallerAsync(runner, optimizerRun, i, measureFrom, end, optimizers.Token))
                .ToArray();
            var general = OpenLoopAsync(runner, Workload.General, Workload.GeneralQueries, settings.GeneralRate, start, measureFrom, end, cancellationToken);
            var neural = OpenLoopAsync(runner, Workload.Neural, Workload.NeuralQueries, settings.NeuralRate, start, measureFrom, end, cancellationToken);
            _ = Task.Delay(settings.WarmUp, cancellationToken).ContinueWith(_ => Volatile.Write(ref _measureStart, measureFrom), TaskScheduler.Default);

            // Queries are scheduled until the end; then the optimizers stop and queued queries drain.
            var scheduled = new Dictionary<string, List<Task>>
            {
                [Workload.General] = await general.ConfigureAwait(false),
                [Workload.Neural] = await neural.ConfigureAwait(false),
            };
            await optimizers.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(callers).ConfigureAwait(false);
            await DrainAsync(scheduled, cancellationToken).ConfigureAwait(false);
            return new RoundResult(setup, _logs.ToDictionary(p => p.Key, p => p.Value.Summarize(settings.Duration)), PoolOf, settings.Duration);
        }
    }

    private async Task DrainAsync(Dictionary<string, List<Task>> inFlight, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(inFlight.Values.SelectMany(t => t)).WaitAsync(settings.DrainLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still queued after the drain limit: counted as failures (their latency exceeds the limit).
            foreach (var (workload, tasks) in inFlight)
            {
                foreach (var _ in tasks.Where(t => !t.IsCompleted))
                {
                    _logs[workload].Fail();
                }
            }
        }
    }

    private async Task<List<Task>> OpenLoopAsync(PipelineRunner runner, string workload, IReadOnlyList<Pipeline> pipelines, double rate, long start, long measureFrom, long end, CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>();
        var interval = Stopwatch.Frequency / rate;
        for (var i = 0; ; i++)
        {
            var due = start + (long)(i * interval);
            if (due >= end)
            {
                return inFlight;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            inFlight.Add(QueryAsync(runner, workload, pipelines[i % pipelines.Count], Workload.Text(i), due, due >= measureFrom, cancellationToken));
        }
    }

    private async Task QueryAsync(PipelineRunner runner, string workload, Pipeline pipeline, JsonNode input, long due, bool measured, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(pipeline, input, cancellationToken).ConfigureAwait(false);
        if (!measured)
        {
            return;
        }

        if (result.Succeeded)
        {
            _logs[workload].Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
        }
        else
        {
            _logs[workload].Fail();
        }
    }

    private async Task OptimizerCallerAsync(PipelineRunner runner, Pipeline pipeline, int caller, long measureFrom, long end, CancellationToken cancellationToken)
    {
        for (var run = 0; !cancellationToken.IsCancellationRequested; run++)
        {
            // A run counts when it ends inside the measured window, with its whole duration.
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await runner.RunAsync(pipeline, JsonValue.Create((caller * 1000) + run), cancellationToken).ConfigureAwait(false);
                var finished = Stopwatch.GetTimestamp();
                if (finished >= measureFrom && finished <= end)
                {
                    if (result.Succeeded)
                    {
                        _logs[Workload.Optimizer].Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
                    }
                    else
                    {
                        _logs[Workload.Optimizer].Fail();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
