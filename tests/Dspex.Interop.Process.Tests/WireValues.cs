using System.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace Dspex.Interop.Process.Tests;

/// <summary>Random wire values in their natural decoded form, and structural equality over them.</summary>
internal static class WireValues
{
    private static readonly char[] Alphabet = "abcxyz019 _-\"'\\\n\t\0éßΩжあ✓".ToCharArray();

    public static Arbitrary<object?> Arbitrary() => Gen.Sized(size => Value(Math.Min(size, 12))).ToArbitrary();

    private static Gen<object?> Value(int size)
    {
        var scalars = Gen.OneOf(
            Gen.Constant<object?>(null),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (object?)b),
            ArbMap.Default.GeneratorFor<long>().Select(l => (object?)l),
            Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L).Select(l => (object?)l),
            BigBeyondInt64().Select(b => (object?)b),
            ArbMap.Default.GeneratorFor<double>().Select(d => (object?)d),
            Text().Select(s => (object?)s),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => (object?)b));
        if (size <= 1)
        {
            return scalars;
        }

        var child = Value(size / 3);
        return Gen.Frequency(
            (4, scalars),
            (1, child.ListOf().Select(l => (object?)l.ToList())),
            (1, child.ArrayOf().Select(a => (object?)new PyTuple(a))),
            (1, Dictionary(child)));
    }

    private static Gen<object?> Dictionary(Gen<object?> values)
    {
        // Python dict keys of one type per dict: 1, 1.0 and True are one key in Python but three in .NET.
        var stringKeyed = Gen.ListOf(Gen.Zip(Text(), values)).Select(pairs => Build(pairs.Select(p => ((object)p.Item1, p.Item2))));
        var intKeyed = Gen.ListOf(Gen.Zip(ArbMap.Default.GeneratorFor<long>(), values)).Select(pairs => Build(pairs.Select(p => ((object)p.Item1, p.Item2))));
        return Gen.OneOf(stringKeyed, intKeyed);
    }

    private static object? Build(IEnumerable<(object Key, object? Value)> pairs)
    {
        var dict = new Dictionary<object, object?>();
        foreach (var (k, v) in pairs)
        {
            dict[k] = v;
        }

        return dict;
    }

    private static Gen<string> Text() =>
        Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars))
            .Select(s => s.Length % 5 == 4 ? s + "😀" : s);

    private static Gen<BigInteger> BigBeyondInt64() =>
        from negative in ArbMap.Default.GeneratorFor<bool>()
        from length in Gen.Choose(9, 40)
        from seed in ArbMap.Default.GeneratorFor<int>()
        select Big(negative, length, seed);

    private static BigInteger Big(bool negative, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[^1] = (byte)(bytes[^1] | 0x40);
        var magnitude = new BigInteger(bytes, isUnsigned: true);
        return negative ? -magnitude : magnitude;
    }

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (PyTuple x, PyTuple y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (Dictionary<object, object?> x, Dictionary<object, object?> y) =>
            x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && Same(kv.Value, v)),
        _ => a is not null && b is not null && a.GetType() == b.GetType() && a.Equals(b),
    };
}
