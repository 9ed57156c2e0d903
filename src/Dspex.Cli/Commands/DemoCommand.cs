using System.CommandLine;
using Dspex.Scheduler;
using Spectre.Console;

namespace Dspex.Cli;

/// <summary><c>dspex demo</c>: the mixed workload on one shared pool, then on routed pools, side by side.</summary>
internal static class DemoCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var duration = new Option<double>("--duration", "-d") { Description = "Seconds each set-up is measured (after a short warm-up).", DefaultValueFactory = _ => 15 };
        var json = new Option<bool>("--json") { Description = "End with one line of JSON: per-pool p50/p99 of both set-ups and the general-pool improvement factor." };
        var command = new Command("demo", "Run the default mixed workload (optimizer runs + general and neural query streams) on a shared pool, then on routed pools, and compare.")
        {
            duration,
            json,
        };
        command.SetAction(async (parse, token) =>
        {
            var seconds = parse.GetValue(duration);
            if (seconds is < 1 or > 3600 || !double.IsFinite(seconds))
            {
                await Console.Error.WriteLineAsync($"dspex demo: --duration must be between 1 and 3600 seconds, not {seconds}.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await RunAsync(console, output, new DemoSettings { Duration = TimeSpan.FromSeconds(seconds) }, parse.GetValue(json), token).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter output, DemoSettings settings, bool json, CancellationToken cancellationToken)
    {
        var live = LiveView.Enabled;
        var rounds = new List<RoundResult>();
        foreach (var setup in new[] { DemoSetup.Shared(settings), DemoSetup.Routed(settings) })
        {
            console.MarkupLine($"[bold]{setup.Name}[/]: {Markup.Escape(setup.Description)} — {settings.Duration.TotalSeconds:0} s measured");
            var round = new DemoRound(setup, settings);
            try
            {
                var running = round.RunAsync(cancellationToken);
                rounds.Add(live ? await LiveView.ShowAsync(console, round, settings, running).ConfigureAwait(false) : await running.ConfigureAwait(false));
            }
            catch (DspexStartException ex)
            {
                await Console.Error.WriteLineAsync($"dspex demo: the Python workers could not start: {ex.InnerException?.Message ?? ex.Message}").ConfigureAwait(false);
                await Console.Error.WriteLineAsync("fix: install python3, or point DSPEX_PYTHON at an interpreter; 'dspex doctor' checks the set-up.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("dspex demo: cancelled").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        var (shared, routed) = (rounds[0], rounds[1]);
        console.Write(DemoReport.Table(shared, routed));
        var factor = DemoReport.Improvement(shared, routed, Workload.General, s => s.P99);
        console.MarkupLine($"general-pool p99 is [bold]{(double.IsFinite(factor) ? factor.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-")}×[/] better routed than shared.");
        if (json)
        {
            await output.WriteLineAsync(DemoReport.JsonLine(DemoReport.Json(shared, routed, settings))).ConfigureAwait(false);
        }

        var failed = rounds.Sum(r => r.Workloads[Workload.General].Failed + r.Workloads[Workload.Neural].Failed);
        if (failed > 0)
        {
            await Console.Error.WriteLineAsync($"dspex demo: {failed} queries failed; see the 'failed' column").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }
}
