using System.Text;

namespace Dspex.Load;

/// <summary>Writes runs as Markdown: a stats table per run, its thresholds and extra figures, and notes.</summary>
internal static class MarkdownReport
{
    public static string Render(string title, IReadOnlyList<RunResult> runs, IReadOnlyList<string> notes)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(title).AppendLine();
        foreach (var note in notes)
        {
            md.Append("- ").AppendLine(note);
        }

        foreach (var run in runs)
        {
            md.AppendLine().Append("## ").AppendLine(run.Title).AppendLine();
            md.Append("| ").AppendJoin(" | ", ReportTable.Header.Skip(1)).AppendLine(" |");
            md.Append('|').AppendJoin("", ReportTable.Header.Skip(1).Select(_ => " --- |")).AppendLine();
            foreach (var row in ReportTable.Rows(run))
            {
                md.Append("| ").AppendJoin(" | ", row.Skip(1).Select(Escape)).AppendLine(" |");
            }

            foreach (var s in run.Scenarios.Where(s => s.Extra.Count > 0))
            {
                md.AppendLine().Append("- ").Append(s.Scenario).Append(": ")
                    .AppendJoin(", ", s.Extra.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} = {ReportTable.Number(e.Value)}")).AppendLine();
            }

            if (run.Thresholds.Count > 0)
            {
                md.AppendLine();
                foreach (var check in run.Thresholds)
                {
                    md.Append("- ").AppendLine(check.Message);
                }
            }
        }

        return md.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
