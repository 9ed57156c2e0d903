using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Dspex.Interop;

namespace Dspex.Pipelines;

/// <summary>
/// Plain data ↔ Python objects for the in-process bridge, giving the same .NET shapes the process wire
/// decodes to: null, bool, long (BigInteger past its range), double, string, byte[], <c>List&lt;object?&gt;</c>
/// and <c>Dictionary&lt;object, object?&gt;</c>. Call with the GIL held.
/// </summary>
internal static class PlainPython
{
    public static PyRef ToPython(object? value, PythonObject builtins) => value switch
    {
        null => PyRef.None,
        bool b => PyRef.FromBoolean(b),
        long l => PyRef.FromInt64(l),
        int i => PyRef.FromInt64(i),
        double d => PyRef.FromDouble(d),
        float f => PyRef.FromDouble(f),
        string s => PyRef.FromString(s),
        byte[] bytes => PyRef.FromBytes(bytes),
        BigInteger big => BigIntToPython(big, builtins),
        IDictionary dict => DictToPython(dict, builtins),
        ITuple tuple => TupleToPython(tuple, builtins),
        IEnumerable list => ListToPython(list.Cast<object?>(), builtins),
        _ => throw new ArgumentException(
            $"a {value.GetType().Name} is not plain data (null, bool, numbers, strings, bytes, lists, dictionaries)", nameof(value)),
    };

    public static object? FromPython(scoped in PyRef value)
    {
        if (value.IsNone)
        {
            return null;
        }

        using var type = value.GetAttribute("__class__");
        using var name = type.GetAttribute("__name__");
        return name.ToManagedString() switch
        {
            "bool" => value.ToBoolean(),
            "int" => IntFromPython(in value),
            "float" => value.ToDouble(),
            "str" => value.ToManagedString(),
            "bytes" => value.ToByteArray(),
            "list" or "tuple" => ListFromPython(in value),
            "dict" => DictFromPython(in value),
            var other => throw new PythonConversionException(typeof(object), other, "the bridge returned a value that is not plain data"),
        };
    }

    private static object IntFromPython(scoped in PyRef value)
    {
        try
        {
            return value.ToInt64();
        }
        catch (OverflowException)
        {
            return BigInteger.Parse(value.ToString(), CultureInfo.InvariantCulture);
        }
    }

    private static List<object?> ListFromPython(scoped in PyRef value)
    {
        var items = ListConverter<PythonObject, ObjectConverter>.FromPython(in value);
        var list = new List<object?>(items.Count);
        foreach (var item in items)
        {
            using (item)
            {
                using var reference = PyRef.FromObject(item);
                list.Add(FromPython(in reference));
            }
        }

        return list;
    }

    private static Dictionary<object, object?> DictFromPython(scoped in PyRef value)
    {
        var entries = DictConverter<PythonObject, ObjectConverter, PythonObject, ObjectConverter>.FromPython(in value);
        var dict = new Dictionary<object, object?>(entries.Count);
        foreach (var (key, item) in entries)
        {
            using (key)
            using (item)
            {
                using var keyReference = PyRef.FromObject(key);
                using var itemReference = PyRef.FromObject(item);
                dict[FromPython(in keyReference) ?? throw new PythonConversionException(typeof(object), "NoneType", "a dict key of None has no .NET form")] =
                    FromPython(in itemReference);
            }
        }

        return dict;
    }

    private static PyRef ListToPython(IEnumerable<object?> items, PythonObject builtins)
    {
        var objects = new List<PythonObject>();
        try
        {
            foreach (var item in items)
            {
                objects.Add(ToPython(item, builtins).ToObject());
            }

            return ListConverter<PythonObject, ObjectConverter>.ToPython(objects);
        }
        finally
        {
            objects.ForEach(o => o.Dispose());
        }
    }

    private static PyRef TupleToPython(ITuple tuple, PythonObject builtins)
    {
        using var list = ListToPython(Enumerable.Range(0, tuple.Length).Select(i => tuple[i]), builtins);
        return CallBuiltin(builtins, "tuple", list.ToObject());
    }

    private static PyRef DictToPython(IDictionary dict, PythonObject builtins)
    {
        var objects = new Dictionary<PythonObject, PythonObject>(dict.Count);
        try
        {
            foreach (DictionaryEntry entry in dict)
            {
                var key = ToPython(entry.Key, builtins).ToObject();
                try
                {
                    objects.Add(key, ToPython(entry.Value, builtins).ToObject());
                }
                catch
                {
                    key.Dispose();
                    throw;
                }
            }

            return DictConverter<PythonObject, ObjectConverter, PythonObject, ObjectConverter>.ToPython(objects);
        }
        finally
        {
            foreach (var (key, item) in objects)
            {
                key.Dispose();
                item.Dispose();
            }
        }
    }

    private static PyRef BigIntToPython(BigInteger value, PythonObject builtins)
    {
        using var digits = PyRef.FromString(value.ToString(CultureInfo.InvariantCulture));
        return CallBuiltin(builtins, "int", digits.ToObject());
    }

    private static PyRef CallBuiltin(PythonObject builtins, string name, PythonObject argument)
    {
        using (argument)
        {
            using var function = builtins.GetAttribute(name);
            var arguments = default(PyArguments);
            try
            {
                arguments.Add(PyRef.FromObject(argument));
                return function.Invoke(ref arguments);
            }
            finally
            {
                arguments.Dispose();
            }
        }
    }
}
