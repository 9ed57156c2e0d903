using System.Globalization;
using Spectre.Console;

namespace Dspex.Cli;

/// <summary>The live per-pool view while a set-up runs: queue depth, busy workers, completed, p50/p99 so far.</summary>
internal static class LiveView
{
    /// <summary>Whether to draw it: an interactive terminal, not CI.</summary>
    public static bool Enabled =>
        !Console.IsOutputRedirected && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<RoundResult> ShowAsync(IAnsiConsole console, DemoRound round, DemoSettings settings, Task<RoundResult> running)
    {
        await console.Live(Render(round, settings)).AutoClear(true).StartAsync(async ctx =>
        {
            while (!running.IsCompleted)
            {
                ctx.UpdateTarget(Render(round, settings));
                await Task.WhenAny(running, Task.Delay(250)).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return await running.ConfigureAwait(false);
    }

    private static Table Render(DemoRound round, DemoSettings settings)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title($"[bold]{round.Setup.Name}[/]: {Math.Min(round.Elapsed, settings.Duration.TotalSeconds):0.0} / {settings.Duration.TotalSeconds:0} s measured");
        foreach (var column in new[] { "pool", "queued", "busy", "completed", "workload", "p50 ms", "p99 ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        var scheduler = round.Scheduler;
        if (scheduler is null)
        {
            table.AddRow("starting Python workers…", "", "", "", "", "", "");
            return table;
        }

        foreach (var pool in scheduler.Pools.Order(StringComparer.Ordinal))
        {
            var snapshot = scheduler.GetSnapshot(pool);
            var workloads = Workload.All.Where(w => round.PoolOf.TryGetValue(w, out var p) && string.Equals(p, pool, StringComparison.OrdinalIgnoreCase)).ToArray();
            var first = true;
            foreach (var workload in workloads.DefaultIfEmpty(""))
            {
                var summary = workload.Length == 0 ? null : round.Logs[workload].Summarize(TimeSpan.FromSeconds(Math.Max(round.Elapsed, 0.001)));
                table.AddRow(
                    first ? pool : "",
                    first ? snapshot.QueueDepth.ToString(CultureInfo.InvariantCulture) : "",
                    first ? $"{snapshot.BusyWorkers}/{snapshot.TotalWorkers}" : "",
                    first ? snapshot.Completed.ToString(CultureInfo.InvariantCulture) : "",
                    workload,
                    summary is null || summary.Completed == 0 ? "-" : summary.P50.ToString("0.0", CultureInfo.InvariantCulture),
                    summary is null || summary.Completed == 0 ? "-" : summary.P99.ToString("0.0", CultureInfo.InvariantCulture));
                first = false;
            }
        }

        return table;
    }
}
