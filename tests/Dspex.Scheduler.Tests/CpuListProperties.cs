using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dspex.Scheduler.Tests;

public sealed class CpuListProperties
{
    /// <summary>Any set of CPUs written as a list of single numbers and ranges parses back to exactly that set.</summary>
    [Property(MaxTest = 300)]
    public Property A_written_list_parses_back_to_its_cpus()
    {
        var gen =
            from cpus in Gen.ListOf(Gen.Choose(0, 300), 20)
            from asRanges in Gen.Elements(true, false)
            select (set: cpus.Distinct().Order().ToList(), asRanges);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var text = c.asRanges ? Ranges(c.set) : string.Join(", ", c.set);
            if (c.set.Count == 0)
            {
                return !CpuList.TryParse(text, out _, out var empty) && empty is not null;
            }

            return CpuList.TryParse(text, out var parsed, out var error) && error is null && parsed.SequenceEqual(c.set)
                && CpuList.TryParse(CpuList.Format(parsed), out var again, out _) && again.SequenceEqual(c.set);
        });
    }

    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("2-4,0", new[] { 0, 2, 3, 4 })]
    [InlineData(" 1 , 3-3 ", new[] { 1, 3 })]
    public void Examples_parse(string text, int[] expected)
    {
        Assert.True(CpuList.TryParse(text, out var cpus, out _));
        Assert.Equal(expected, cpus);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a", "'a' is not a CPU number")]
    [InlineData("1,", "'' is not a CPU number")]
    [InlineData("-1", "'-1' is not a CPU number")]
    [InlineData("5-2", "runs backwards")]
    [InlineData("99999", "'99999' is not a CPU number")]
    public void Bad_lists_say_what_is_wrong(string text, string expected)
    {
        Assert.False(CpuList.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static string Ranges(List<int> set)
    {
        var parts = new List<string>();
        for (var i = 0; i < set.Count;)
        {
            var j = i;
            while (j + 1 < set.Count && set[j + 1] == set[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{set[i]}" : $"{set[i]}-{set[j]}");
            i = j + 1;
        }

        return string.Join(',', parts);
    }
}
