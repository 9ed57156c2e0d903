using System.Globalization;
using Spectre.Console;

namespace Dspex.Load;

/// <summary>
/// Live progress while scenarios run: a Spectre.Console progress display on a terminal, one plain line per
/// scenario every few seconds when output is redirected or <c>CI=true</c> (escape codes would litter logs).
/// </summary>
internal static class ProgressView
{
    public static bool IsPlain =>
        Console.IsOutputRedirected
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || !AnsiConsole.Profile.Capabilities.Interactive;

    public static Task ShowAsync(string title, IReadOnlyList<ScenarioRun> runs, Task running)
        => IsPlain ? ShowPlainAsync(title, runs, running) : ShowLiveAsync(title, runs, running);

    public static string Describe(ScenarioRun run) => string.Create(
        CultureInfo.InvariantCulture,
        $"{run.Scenario.Name}: {Math.Min(run.Elapsed.TotalSeconds, run.Total.TotalSeconds):0}/{run.Total.TotalSeconds:0} s sent={run.Sent} ok={run.Stats.OkCount} fail={run.Stats.FailCount}");

    private static async Task ShowPlainAsync(string title, IReadOnlyList<ScenarioRun> runs, Task running)
    {
        Console.WriteLine($"[{title}] running {string.Join(", ", runs.Select(r => r.Scenario.Name))}");
        while (await Task.WhenAny(running, Task.Delay(3000)).ConfigureAwait(false) != running)
        {
            Console.WriteLine($"[{title}] " + string.Join(" | ", runs.Select(Describe)));
        }
    }

    private static Task ShowLiveAsync(string title, IReadOnlyList<ScenarioRun> runs, Task running)
        => AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = runs.Select(r => context.AddTask(Markup.Escape($"{title} {r.Scenario.Name}"), maxValue: r.Total.TotalSeconds)).ToArray();
                while (true)
                {
                    var done = running.IsCompleted;
                    for (var i = 0; i < runs.Count; i++)
                    {
                        tasks[i].Value = done ? runs[i].Total.TotalSeconds : Math.Min(runs[i].Elapsed.TotalSeconds, runs[i].Total.TotalSeconds);
                        tasks[i].Description = Markup.Escape($"{title} {Describe(runs[i])}");
                    }

                    if (done)
                    {
                        return;
                    }

                    await Task.WhenAny(running, Task.Delay(250)).ConfigureAwait(false);
                }
            });
}
