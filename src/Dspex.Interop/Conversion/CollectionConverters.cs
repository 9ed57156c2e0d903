using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>Python <c>list</c> ↔ <see cref="IReadOnlyList{T}"/>; a tuple is accepted as a list too.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <typeparam name="TConverter">The converter of the items.</typeparam>
public readonly struct ListConverter<T, TConverter> : IPythonConverter<IReadOnlyList<T>>
    where TConverter : IPythonConverter<T>
{
    /// <inheritdoc />
    public static PyRef ToPython(IReadOnlyList<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var list = PyRef.NewList(value.Count);
        try
        {
            for (var i = 0; i < value.Count; i++)
            {
                list.SetListItem(i, TConverter.ToPython(value[i]));
            }
        }
        catch
        {
            list.Dispose();
            throw;
        }

        return list;
    }

    /// <inheritdoc />
    public static IReadOnlyList<T> FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        if (Collections.IsInstance(pointer, CPython.ListType))
        {
            var count = CPython.PyList_Size(pointer);
            var items = new T[count];
            for (nint i = 0; i < count; i++)
            {
                var item = new PyRef(CPython.PyList_GetItem(pointer, i));
                items[i] = TConverter.FromPython(in item);
            }

            return items;
        }

        if (Collections.IsInstance(pointer, CPython.TupleType))
        {
            var count = CPython.PyTuple_Size(pointer);
            var items = new T[count];
            for (nint i = 0; i < count; i++)
            {
                var item = new PyRef(CPython.PyTuple_GetItem(pointer, i));
                items[i] = TConverter.FromPython(in item);
            }

            return items;
        }

        throw new PythonConversionException(typeof(IReadOnlyList<T>), Errors.TypeNameOf(pointer), "expected a list");
    }
}

/// <summary>Python <c>dict</c> ↔ <see cref="IReadOnlyDictionary{TKey, TValue}"/>.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TKeyConverter">The converter of the keys.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <typeparam name="TValueConverter">The converter of the values.</typeparam>
public readonly struct DictConverter<TKey, TKeyConverter, TValue, TValueConverter> : IPythonConverter<IReadOnlyDictionary<TKey, TValue>>
    where TKey : notnull
    where TKeyConverter : IPythonConverter<TKey>
    where TValueConverter : IPythonConverter<TValue>
{
    /// <inheritdoc />
    public static PyRef ToPython(IReadOnlyDictionary<TKey, TValue> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var dict = PyRef.NewDict();
        try
        {
            foreach (var (key, item) in value)
            {
                using var pyKey = TKeyConverter.ToPython(key);
                using var pyValue = TValueConverter.ToPython(item);
                Errors.ThrowIfFailed(CPython.PyDict_SetItem(dict.Pointer, pyKey.Pointer, pyValue.Pointer));
            }
        }
        catch
        {
            dict.Dispose();
            throw;
        }

        return dict;
    }

    /// <inheritdoc />
    public static unsafe IReadOnlyDictionary<TKey, TValue> FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        if (!Collections.IsInstance(pointer, CPython.DictType))
        {
            throw new PythonConversionException(
                typeof(IReadOnlyDictionary<TKey, TValue>), Errors.TypeNameOf(pointer), "expected a dict");
        }

        var result = new Dictionary<TKey, TValue>((int)CPython.PyDict_Size(pointer));
        nint position = 0, key, item;
        while (CPython.PyDict_Next(pointer, &position, &key, &item) != 0)
        {
            var keyRef = new PyRef(key);
            var itemRef = new PyRef(item);
            result[TKeyConverter.FromPython(in keyRef)] = TValueConverter.FromPython(in itemRef);
        }

        return result;
    }
}

/// <summary>Helpers shared by the collection converters.</summary>
internal static class Collections
{
    internal static bool IsInstance(nint obj, nint type)
    {
        var result = CPython.PyObject_IsInstance(obj, type);
        Errors.ThrowIfFailed(result);
        return result == 1;
    }

    /// <summary>Returns the items of a tuple of exactly <paramref name="arity"/> items, or throws naming the expected type.</summary>
    internal static void CheckTuple(nint obj, int arity, Type expected)
    {
        if (!IsInstance(obj, CPython.TupleType))
        {
            throw new PythonConversionException(expected, Errors.TypeNameOf(obj), "expected a tuple");
        }

        var size = CPython.PyTuple_Size(obj);
        if (size != arity)
        {
            throw new PythonConversionException(expected, Errors.TypeNameOf(obj), $"expected {arity} items, got {size}");
        }
    }

    internal static PyRef Item(nint tuple, int index) => new(CPython.PyTuple_GetItem(tuple, index));
}
