using System.Collections;
using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;

namespace Dspex.Interop.Process;

/// <summary>
/// Converts a decoded Python value to the C# type a caller asked for: long, int, double, bool, string,
/// byte[], <see cref="BigInteger"/>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IReadOnlyDictionary&lt;K,V&gt;</c>,
/// value tuples, nullable values, and <see cref="object"/> (the natural form).
/// </summary>
internal static class PythonConversion
{
    private static readonly ConcurrentDictionary<Type, Func<object?, object?>> Converters = new();

    public static T To<T>(object? value) => Cache<T>.Convert(value);

    public static object? To(object? value, Type target) => Converters.GetOrAdd(target, Build)(value);

    private static Func<object?, object?> Build(Type target)
    {
        if (target == typeof(object))
        {
            return static v => v;
        }

        if (target == typeof(long))
        {
            return static v => ToInt64(v, typeof(long));
        }

        if (target == typeof(int))
        {
            return static v => ToInt64(v, typeof(int)) is var l && l is >= int.MinValue and <= int.MaxValue
                ? (int)l
                : throw new OverflowException($"Python int {v} does not fit in System.Int32.");
        }

        if (target == typeof(double))
        {
            return static v => v switch
            {
                double d => d,
                long l => (double)l,
                BigInteger b => (double)b,
                _ => throw Mismatch(v, typeof(double)),
            };
        }

        if (target == typeof(BigInteger))
        {
            return static v => v switch
            {
                BigInteger b => b,
                long l => new BigInteger(l),
                _ => throw Mismatch(v, typeof(BigInteger)),
            };
        }

        if (target == typeof(bool) || target == typeof(string) || target == typeof(byte[]))
        {
            return v => v is not null && v.GetType() == target ? v : throw Mismatch(v, target);
        }

        var nullable = Nullable.GetUnderlyingType(target);
        if (nullable is not null)
        {
            var inner = Converters.GetOrAdd(nullable, Build);
            return v => v is null ? null : inner(v);
        }

        if (target.IsGenericType)
        {
            var definition = target.GetGenericTypeDefinition();
            var args = target.GetGenericArguments();
            if (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>))
            {
                return Generic(nameof(ToList), args);
            }

            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>))
            {
                return Generic(nameof(ToDictionary), args);
            }

            if (target.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && args.Length <= 7)
            {
                return ToValueTuple(target, args);
            }
        }

        if (target.IsArray && target.GetArrayRank() == 1)
        {
            return Generic(nameof(ToArray), [target.GetElementType()!]);
        }

        throw new NotSupportedException(
            $"No conversion from a Python value to {target}. Supported: long, int, double, bool, string, byte[], BigInteger, " +
            "IReadOnlyList<T>, IReadOnlyDictionary<K,V>, T[], ValueTuple<…>, nullable values and object.");
    }

    private static long ToInt64(object? value, Type target) => value switch
    {
        long l => l,
        BigInteger b => b >= long.MinValue && b <= long.MaxValue
            ? (long)b
            : throw new OverflowException($"Python int {b} does not fit in {target}."),
        _ => throw Mismatch(value, target),
    };

    private static Func<object?, object?> Generic(string method, Type[] args)
    {
        var m = typeof(PythonConversion).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(args);
        return m.CreateDelegate<Func<object?, object?>>();
    }

    private static List<T>? ToList<T>(object? value) => value switch
    {
        null => null,
        List<object?> list => list.ConvertAll(v => Cache<T>.Convert(v)),
        PyTuple tuple => tuple.Select(Cache<T>.Convert).ToList(),
        _ => throw Mismatch(value, typeof(IReadOnlyList<T>)),
    };

    private static T[]? ToArray<T>(object? value) => ToList<T>(value)?.ToArray();

    private static Dictionary<TKey, TValue>? ToDictionary<TKey, TValue>(object? value)
        where TKey : notnull
    {
        if (value is null)
        {
            return null;
        }

        if (value is not Dictionary<object, object?> dict)
        {
            throw Mismatch(value, typeof(IReadOnlyDictionary<TKey, TValue>));
        }

        var result = new Dictionary<TKey, TValue>(dict.Count);
        foreach (var (k, v) in dict)
        {
            result.Add(Cache<TKey>.Convert(k), Cache<TValue>.Convert(v));
        }

        return result;
    }

    private static Func<object?, object?> ToValueTuple(Type target, Type[] args)
    {
        var converters = args.Select(a => Converters.GetOrAdd(a, Build)).ToArray();
        return v =>
        {
            IReadOnlyList<object?> items = v switch
            {
                PyTuple t => t,
                List<object?> l => l,
                _ => throw Mismatch(v, target),
            };
            if (items.Count != args.Length)
            {
                throw new InvalidCastException(
                    $"Python returned a {PythonTypeName(v)} of {items.Count} items, but {FriendlyName(target)} has {args.Length}.");
            }

            var converted = new object?[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                converted[i] = converters[i](items[i]);
            }

            return Activator.CreateInstance(target, converted);
        };
    }

    internal static string PythonTypeName(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        List<object?> => "list",
        PyTuple => "tuple",
        Dictionary<object, object?> => "dict",
        _ => value.GetType().Name,
    };

    private static string FriendlyName(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(FriendlyName)) + ">"
        : type.FullName ?? type.Name;

    private static InvalidCastException Mismatch(object? value, Type target) =>
        new($"Python returned {PythonTypeName(value)} ({Describe(value)}), which does not convert to {FriendlyName(target)}.");

    private static string Describe(object? value)
    {
        var text = value switch
        {
            null => "None",
            string s => "'" + s + "'",
            ICollection c => c.Count + " items",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
        };
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    private static class Cache<T>
    {
        public static readonly Func<object?, T> Convert = Create();

        private static Func<object?, T> Create()
        {
            var convert = Converters.GetOrAdd(typeof(T), Build);
            if (default(T) is not null)
            {
                // A non-nullable value type: None is an error, not default(T).
                return v => convert(v) is T t ? t : throw Mismatch(v, typeof(T));
            }

            return v => (T)convert(v)!;
        }
    }
}
