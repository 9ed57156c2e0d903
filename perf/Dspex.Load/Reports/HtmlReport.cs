using System.Net;
using System.Text;

namespace Dspex.Load;

/// <summary>
/// Writes one self-contained HTML page: the stats tables plus, per run, the latency-over-time and percentile
/// plots as PNGs embedded in base64 data URIs (no external files or scripts).
/// </summary>
internal static class HtmlReport
{
    public static string Render(string title, IReadOnlyList<RunResult> runs, IReadOnlyList<string> notes)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:13px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:nth-child(-n+2){text-align:left}")
            .Append(".fail{color:#b00}.pass{color:#070}</style></head>\n<body>\n<h1>").Append(Encode(title)).Append("</h1>\n<ul>\n");
        foreach (var note in notes)
        {
            html.Append("<li>").Append(Encode(note)).Append("</li>\n");
        }

        html.Append("</ul>\n");
        foreach (var run in runs)
        {
            html.Append("<h2>").Append(Encode(run.Title)).Append("</h2>\n<table>\n<tr>");
            foreach (var column in ReportTable.Header.Skip(1))
            {
                html.Append("<th>").Append(Encode(column)).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (var row in ReportTable.Rows(run))
            {
                html.Append("<tr>");
                foreach (var cell in row.Skip(1))
                {
                    html.Append("<td>").Append(Encode(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n<ul>\n");
            foreach (var s in run.Scenarios.Where(s => s.Extra.Count > 0))
            {
                html.Append("<li>").Append(Encode(s.Scenario)).Append(": ")
                    .Append(Encode(string.Join(", ", s.Extra.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} = {ReportTable.Number(e.Value)}"))))
                    .Append("</li>\n");
            }

            foreach (var check in run.Thresholds)
            {
                html.Append("<li class=\"").Append(check.Passed ? "pass" : "fail").Append("\">").Append(Encode(check.Message)).Append("</li>\n");
            }

            html.Append("</ul>\n");
            Image(html, $"{run.Title} latency over time", PlotRenderer.LatencyOverTime(run.Title, run.Scenarios));
            Image(html, $"{run.Title} latency by percentile", PlotRenderer.PercentileCurve(run.Title, run.Scenarios));
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Image(StringBuilder html, string alt, byte[] png)
        => html.Append("<p><img alt=\"").Append(Encode(alt)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\"></p>\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
