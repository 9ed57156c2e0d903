namespace Dspex.Load;

/// <summary>Runs scenarios concurrently (as NBomber does): init all, load all, clean all, then check thresholds.</summary>
internal static class LoadRunner
{
    public static async Task<RunResult> RunAsync(
        string title,
        IReadOnlyList<Scenario> scenarios,
        TimeProvider? time = null,
        bool showProgress = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != scenarios.Count)
        {
            throw new ArgumentException($"Run '{title}': scenario names must be unique.", nameof(scenarios));
        }

        time ??= TimeProvider.System;
        foreach (var scenario in scenarios)
        {
            if (scenario.Init is { } init)
            {
                await init(cancellationToken).ConfigureAwait(false);
            }
        }

        var runs = scenarios.Select(s => new ScenarioRun(s, time)).ToArray();
        ScenarioStats[] stats;
        try
        {
            var running = Task.WhenAll(runs.Select(r => r.RunAsync(cancellationToken)));
            if (showProgress)
            {
                await ProgressView.ShowAsync(title, runs, running).ConfigureAwait(false);
            }

            stats = await running.ConfigureAwait(false);
        }
        finally
        {
            foreach (var scenario in scenarios)
            {
                if (scenario.Clean is { } clean)
                {
                    await clean().ConfigureAwait(false);
                }
            }
        }

        var checks = scenarios.Zip(stats).SelectMany(p => p.First.Thresholds.Select(t => t.Evaluate(p.Second))).ToArray();
        return new RunResult(title, stats, checks);
    }
}
