using System.Globalization;

namespace Dspex.Scheduler;

/// <summary>Parses Linux CPU lists as <c>taskset -c</c> and <c>/proc/*/status</c> write them: <c>0-3,6,8-9</c>.</summary>
internal static class CpuList
{
    /// <summary>The highest CPU number accepted, as Linux's largest <c>NR_CPUS</c>.</summary>
    public const int MaxCpu = 8191;

    /// <summary>Parses <paramref name="text"/> into distinct ascending CPU numbers, or says what is wrong with it.</summary>
    /// <param name="text">The list.</param>
    /// <param name="cpus">The CPUs, when it parses.</param>
    /// <param name="error">What is wrong, when it does not.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string text, out IReadOnlyList<int> cpus, out string? error)
    {
        var set = new SortedSet<int>();
        cpus = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "it is empty (use CPU numbers and ranges such as 1-3,6)";
            return false;
        }

        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var first = dash < 0 ? part : part[..dash];
            var last = dash < 0 ? part : part[(dash + 1)..];
            if (!TryCpu(first, out var from) || !TryCpu(last, out var to))
            {
                error = $"'{part}' is not a CPU number or range (use CPU numbers 0-{MaxCpu} and ranges such as 1-3,6)";
                return false;
            }

            if (to < from)
            {
                error = $"the range '{part}' runs backwards";
                return false;
            }

            for (var cpu = from; cpu <= to; cpu++)
            {
                set.Add(cpu);
            }
        }

        cpus = [.. set];
        return true;
    }

    /// <summary>Writes CPUs as a comma-separated list of numbers.</summary>
    /// <param name="cpus">The CPUs.</param>
    /// <returns>The list.</returns>
    public static string Format(IEnumerable<int> cpus) => string.Join(',', cpus.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    private static bool TryCpu(string text, out int cpu) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cpu) && cpu <= MaxCpu;
}
