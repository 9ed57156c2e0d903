namespace Dspex.Interop;

/// <summary>Python 2-tuple ↔ <see cref="ValueTuple{T1, T2}"/>.</summary>
/// <typeparam name="T1">The first item type.</typeparam>
/// <typeparam name="TConverter1">Its converter.</typeparam>
/// <typeparam name="T2">The second item type.</typeparam>
/// <typeparam name="TConverter2">Its converter.</typeparam>
public readonly struct TupleConverter<T1, TConverter1, T2, TConverter2> : IPythonConverter<(T1, T2)>
    where TConverter1 : IPythonConverter<T1>
    where TConverter2 : IPythonConverter<T2>
{
    /// <inheritdoc />
    public static PyRef ToPython((T1, T2) value)
    {
        var tuple = PyRef.NewTuple(2);
        try
        {
            tuple.SetTupleItem(0, TConverter1.ToPython(value.Item1));
            tuple.SetTupleItem(1, TConverter2.ToPython(value.Item2));
        }
        catch
        {
            tuple.Dispose();
            throw;
        }

        return tuple;
    }

    /// <inheritdoc />
    public static (T1, T2) FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        Collections.CheckTuple(pointer, 2, typeof((T1, T2)));
        var item1 = Collections.Item(pointer, 0);
        var item2 = Collections.Item(pointer, 1);
        return (TConverter1.FromPython(in item1), TConverter2.FromPython(in item2));
    }
}

/// <summary>Python 3-tuple ↔ <see cref="ValueTuple{T1, T2, T3}"/>.</summary>
/// <typeparam name="T1">The first item type.</typeparam>
/// <typeparam name="TConverter1">Its converter.</typeparam>
/// <typeparam name="T2">The second item type.</typeparam>
/// <typeparam name="TConverter2">Its converter.</typeparam>
/// <typeparam name="T3">The third item type.</typeparam>
/// <typeparam name="TConverter3">Its converter.</typeparam>
public readonly struct TupleConverter<T1, TConverter1, T2, TConverter2, T3, TConverter3> : IPythonConverter<(T1, T2, T3)>
    where TConverter1 : IPythonConverter<T1>
    where TConverter2 : IPythonConverter<T2>
    where TConverter3 : IPythonConverter<T3>
{
    /// <inheritdoc />
    public static PyRef ToPython((T1, T2, T3) value)
    {
        var tuple = PyRef.NewTuple(3);
        try
        {
            tuple.SetTupleItem(0, TConverter1.ToPython(value.Item1));
            tuple.SetTupleItem(1, TConverter2.ToPython(value.Item2));
            tuple.SetTupleItem(2, TConverter3.ToPython(value.Item3));
        }
        catch
        {
            tuple.Dispose();
            throw;
        }

        return tuple;
    }

    /// <inheritdoc />
    public static (T1, T2, T3) FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        Collections.CheckTuple(pointer, 3, typeof((T1, T2, T3)));
        var item1 = Collections.Item(pointer, 0);
        var item2 = Collections.Item(pointer, 1);
        var item3 = Collections.Item(pointer, 2);
        return (TConverter1.FromPython(in item1), TConverter2.FromPython(in item2), TConverter3.FromPython(in item3));
    }
}
