using System.Text.RegularExpressions;
using Dspex.Load;

namespace Dspex.Load.Tests;

public class ReportTests
{
    private static RunResult SampleRun()
    {
        var stats = new StatsCollector("general, \"quoted\"");
        for (var i = 1; i <= 200; i++)
        {
            stats.Record(i % 50 == 0 ? StepResult.Fail("x", "general") : StepResult.Ok("general"), TimeSpan.FromMilliseconds(i / 10.0), i / 100.0);
        }

        stats.SetExtra("starved", 0);
        var snapshot = stats.Snapshot(TimeSpan.FromSeconds(2), 100, 99.5);
        return new RunResult("routed #1", [snapshot], [Threshold.Parse("p99 < 20 ms").Evaluate(snapshot)]);
    }

    [Fact]
    public void Markdown_tables_have_as_many_cells_per_row_as_header_columns()
    {
        var md = MarkdownReport.Render("title", [SampleRun()], ["a note"]);
        var rows = md.Split('\n').Where(l => l.StartsWith('|')).ToArray();
        Assert.True(rows.Length >= 4, md);
        var cells = rows.Select(r => Regex.Split(r.Trim(), @"(?<!\\)\|").Length).Distinct().ToArray();
        Assert.Single(cells);
        Assert.Matches(@"^\|( --- \|)+$", rows[1].Trim());
        Assert.Contains("starved = 0", md, StringComparison.Ordinal);
        Assert.Contains("threshold 'p99 < 20 ms'", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_rows_have_the_header_field_count_and_quote_commas_and_quotes()
    {
        var csv = CsvReport.Render([SampleRun()]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            Assert.Equal(ReportTable.Header.Length, ParseCsvLine(line).Count);
        }

        Assert.Equal("general, \"quoted\"", ParseCsvLine(lines[1])[1]);
        Assert.Equal("196", ParseCsvLine(lines[1])[3]);
    }

    [Fact]
    public void Html_is_self_contained_with_embedded_png_plots()
    {
        var html = HtmlReport.Render("title <1>", [SampleRun()], ["note & more"]);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("title &lt;1&gt;", html, StringComparison.Ordinal);
        Assert.Contains("note &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(html, "<tr>"), Regex.Count(html, "</tr>"));
        var images = Regex.Matches(html, "src=\"data:image/png;base64,([^\"]+)\"");
        Assert.Equal(2, images.Count);
        foreach (Match image in images)
        {
            var png = Convert.FromBase64String(image.Groups[1].Value);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        }
    }

    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
