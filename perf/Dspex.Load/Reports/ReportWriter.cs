namespace Dspex.Load;

/// <summary>Writes the Markdown, CSV and HTML reports of a set of runs into one folder.</summary>
internal static class ReportWriter
{
    public static IReadOnlyList<string> Write(string directory, string baseName, string title, IReadOnlyList<RunResult> runs, IReadOnlyList<string> notes)
    {
        Directory.CreateDirectory(directory);
        var md = Path.Combine(directory, baseName + ".md");
        var csv = Path.Combine(directory, baseName + ".csv");
        var html = Path.Combine(directory, baseName + ".html");
        File.WriteAllText(md, MarkdownReport.Render(title, runs, notes));
        File.WriteAllText(csv, CsvReport.Render(runs));
        File.WriteAllText(html, HtmlReport.Render(title, runs, notes));
        return [md, csv, html];
    }
}
