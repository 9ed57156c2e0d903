using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Dspex.Cli;

/// <summary>The demo's side-by-side table and its one-line JSON summary.</summary>
internal static class DemoReport
{
    /// <summary>Shared p99 over routed p99 of a workload: how many times better routing made it.</summary>
    public static double Improvement(RoundResult shared, RoundResult routed, string workload, Func<LatencySummary, double> figure)
    {
        var before = figure(shared.Workloads[workload]);
        var after = figure(routed.Workloads[workload]);
        return after > 0 && double.IsFinite(before) && double.IsFinite(after) ? before / after : double.NaN;
    }

    public static Table Table(RoundResult shared, RoundResult routed)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]dspex demo[/]: mixed workload, shared pool vs routed pools");
        foreach (var column in new[] { "workload", "set-up", "pool", "p50 ms", "p95 ms", "p99 ms", "max ms", "per s", "done", "failed", "p99 gain" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var workload in Workload.All)
        {
            foreach (var round in new[] { shared, routed })
            {
                var s = round.Workloads[workload];
                var factor = round == routed ? Factor(Improvement(shared, routed, workload, x => x.P99)) : "";
                table.AddRow(workload, round.Setup.Name, round.PoolOf[workload], Ms(s.P50), Ms(s.P95), Ms(s.P99), Ms(s.Max), s.Throughput.ToString("0.0", CultureInfo.InvariantCulture), s.Completed.ToString(CultureInfo.InvariantCulture), s.Failed.ToString(CultureInfo.InvariantCulture), factor);
            }
        }

        table.Caption($"{shared.Setup.Name}: {shared.Setup.Description}\n{routed.Setup.Name}: {routed.Setup.Description}\np99 gain = shared p99 / routed p99 (above 1: routing helped).");
        return table;
    }

    public static JsonObject Json(RoundResult shared, RoundResult routed, DemoSettings settings)
    {
        var setups = new JsonObject();
        foreach (var round in new[] { shared, routed })
        {
            var workloads = new JsonObject();
            foreach (var workload in Workload.All)
            {
                var s = round.Workloads[workload];
                workloads[workload] = new JsonObject
                {
                    ["pool"] = round.PoolOf[workload],
                    ["p50_ms"] = Round(s.P50),
                    ["p95_ms"] = Round(s.P95),
                    ["p99_ms"] = Round(s.P99),
                    ["max_ms"] = Round(s.Max),
                    ["throughput_per_s"] = Round(s.Throughput),
                    ["completed"] = s.Completed,
                    ["failed"] = s.Failed,
                };
            }

            setups[round.Setup.Name] = workloads;
        }

        return new JsonObject
        {
            ["duration_s"] = settings.Duration.TotalSeconds,
            ["workers"] = settings.WorkersPerPool * 3,
            ["load"] = new JsonObject
            {
                ["general_per_s"] = settings.GeneralRate,
                ["neural_per_s"] = settings.NeuralRate,
                ["optimizer_callers"] = settings.OptimizerCallers,
                ["optimizer_budget"] = settings.OptimizerBudget,
            },
            ["setups"] = setups,
            ["improvement"] = new JsonObject
            {
                ["general_p99"] = Round(Improvement(shared, routed, Workload.General, s => s.P99)),
                ["general_p50"] = Round(Improvement(shared, routed, Workload.General, s => s.P50)),
                ["neural_p99"] = Round(Improvement(shared, routed, Workload.Neural, s => s.P99)),
                ["optimizer_p99"] = Round(Improvement(shared, routed, Workload.Optimizer, s => s.P99)),
            },
            ["general_p99_improvement"] = Round(Improvement(shared, routed, Workload.General, s => s.P99)),
        };
    }

    public static string JsonLine(JsonObject json) => json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private static JsonValue? Round(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;

    private static string Ms(double value) => double.IsFinite(value) ? value.ToString(value < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) : "-";

    private static string Factor(double value) => double.IsFinite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) + "×" : "-";
}
