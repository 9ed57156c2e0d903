using System.Text;

namespace Dspex.Load;

/// <summary>Writes runs as RFC 4180 CSV: one header, one row per run, scenario and pool.</summary>
internal static class CsvReport
{
    public static string Render(IReadOnlyList<RunResult> runs)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(",", ReportTable.Header.Select(Quote)).Append("\r\n");
        foreach (var row in runs.SelectMany(ReportTable.Rows))
        {
            csv.AppendJoin(",", row.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    internal static string Quote(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
