using System.Globalization;

namespace Dspex.Load;

/// <summary>The rows every report format shows: one per scenario (pool "*") and one per scenario and pool.</summary>
internal static class ReportTable
{
    public static readonly string[] Header =
    [
        "run", "scenario", "pool", "ok", "fail", "fail%", "cancelled", "rate/s", "requested/s", "achieved/s",
        "min ms", "mean ms", "p50 ms", "p75 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms",
    ];

    public static IEnumerable<string[]> Rows(RunResult run)
    {
        foreach (var s in run.Scenarios)
        {
            yield return Row(run.Title, s.Scenario, "*", s.Ok, s.Fail, s.FailPercent, s.Cancelled, s.Rate, s.RequestedRate, s.AchievedRate, s.OkLatency);
            foreach (var pool in s.Pools.Values.OrderBy(p => p.Pool, StringComparer.Ordinal))
            {
                var requests = pool.Ok + pool.Fail;
                yield return Row(
                    run.Title, s.Scenario, pool.Pool, pool.Ok, pool.Fail, requests == 0 ? 0 : 100.0 * pool.Fail / requests, 0,
                    s.Duration > TimeSpan.Zero ? requests / s.Duration.TotalSeconds : 0, double.NaN, double.NaN, pool.Latency);
            }
        }
    }

    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string[] Row(
        string run, string scenario, string pool, long ok, long fail, double failPercent, long cancelled, double rate, double requested, double achieved, LatencySummary l)
        =>
        [
            run, scenario, pool, ok.ToString(CultureInfo.InvariantCulture), fail.ToString(CultureInfo.InvariantCulture), Number(failPercent),
            cancelled.ToString(CultureInfo.InvariantCulture), Number(rate), requested == 0 ? "" : Number(requested), achieved == 0 ? "" : Number(achieved),
            Number(l.MinMs), Number(l.MeanMs), Number(l.P50Ms), Number(l.P75Ms), Number(l.P95Ms), Number(l.P99Ms), Number(l.P999Ms), Number(l.MaxMs),
        ];
}
