using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dspex.Interop.Process.Tests;

/// <summary>The binary codec in C# alone: what is written reads back the same.</summary>
public sealed class WireCodecTests
{
    private static object? RoundTrip(object? value)
    {
        var writer = new WireWriter(8);
        writer.WriteValue(value);
        var reader = new WireReader(writer.WrittenSpan);
        var back = reader.ReadValue();
        Assert.True(reader.AtEnd, "the reader left bytes unread");
        return back;
    }

    [Property(MaxTest = 300)]
    public Property Encode_then_decode_gives_the_same_value() =>
        Prop.ForAll(WireValues.Arbitrary(), value => WireValues.Same(value, RoundTrip(value)));

    [Property(MaxTest = 200)]
    public Property Every_truncation_of_a_value_is_rejected_as_malformed() =>
        Prop.ForAll(WireValues.Arbitrary(), value =>
        {
            var writer = new WireWriter(8);
            writer.WriteValue(value);
            var bytes = writer.WrittenSpan.ToArray();
            var cut = bytes.Length / 2;
            if (cut == 0)
            {
                return true;
            }

            try
            {
                var reader = new WireReader(bytes.AsSpan(0, cut));
                reader.ReadValue();
                return false;
            }
            catch (InvalidDataException)
            {
                return true;
            }
        });

    [Fact]
    public void Integers_of_every_width_travel_as_int64_and_larger_ones_as_big_ints()
    {
        Assert.Equal(7L, RoundTrip((byte)7));
        Assert.Equal(-7L, RoundTrip((short)-7));
        Assert.Equal(4_000_000_000L, RoundTrip(4_000_000_000u));
        Assert.Equal(long.MaxValue, RoundTrip((ulong)long.MaxValue));
        Assert.Equal(new BigInteger(ulong.MaxValue), RoundTrip(ulong.MaxValue));
        Assert.Equal(BigInteger.Pow(2, 100), RoundTrip(BigInteger.Pow(2, 100)));
        Assert.Equal(long.MinValue, RoundTrip(new BigInteger(long.MinValue)));
    }

    [Fact]
    public void Value_tuples_become_tuples_and_read_only_dictionaries_become_dicts()
    {
        var tuple = Assert.IsType<PyTuple>(RoundTrip((1L, "a", 2.5)));
        Assert.Equal([1L, "a", 2.5], tuple.ToArray());
        var dict = Assert.IsType<Dictionary<object, object?>>(RoundTrip(new System.Collections.ObjectModel.ReadOnlyDictionary<string, int>(new Dictionary<string, int> { ["x"] = 1 })));
        Assert.Equal(1L, dict["x"]);
        Assert.Equal([1L, 2L, 3L], Assert.IsType<List<object?>>(RoundTrip(new[] { 1, 2, 3 })));
    }

    [Fact]
    public void An_unsupported_value_is_refused_naming_its_type()
    {
        var ex = Assert.Throws<ArgumentException>(() => new WireWriter().WriteValue(new Uri("http://x")));
        Assert.Contains("System.Uri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_is_refused_instead_of_overflowing_the_stack()
    {
        var list = new List<object?>();
        list.Add(list);
        var ex = Assert.Throws<ArgumentException>(() => new WireWriter().WriteValue(list));
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_tag_is_reported_with_its_offset()
    {
        var ex = Assert.Throws<InvalidDataException>(() => new WireReader([8, 1, 0, 0, 0, 99]).ReadValue());
        Assert.Contains("unknown value tag 99 at offset 5", ex.Message, StringComparison.Ordinal);
    }
}
