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

/// <summary>Python 4-tuple ↔ <see cref="ValueTuple{T1, T2, T3, T4}"/>.</summary>
/// <typeparam name="T1">The first item type.</typeparam>
/// <typeparam name="TConverter1">Its converter.</typeparam>
/// <typeparam name="T2">The second item type.</typeparam>
/// <typeparam name="TConverter2">Its converter.</typeparam>
/// <typeparam name="T3">The third item type.</typeparam>
/// <typeparam name="TConverter3">Its converter.</typeparam>
/// <typeparam name="T4">The fourth item type.</typeparam>
/// <typeparam name="TConverter4">Its converter.</typeparam>
public readonly struct TupleConverter<T1, TConverter1, T2, TConverter2, T3, TConverter3, T4, TConverter4> : IPythonConverter<(T1, T2, T3, T4)>
    where TConverter1 : IPythonConverter<T1>
    where TConverter2 : IPythonConverter<T2>
    where TConverter3 : IPythonConverter<T3>
    where TConverter4 : IPythonConverter<T4>
{
    /// <inheritdoc />
    public static PyRef ToPython((T1, T2, T3, T4) value)
    {
        var tuple = PyRef.NewTuple(4);
        try
        {
            tuple.SetTupleItem(0, TConverter1.ToPython(value.Item1));
            tuple.SetTupleItem(1, TConverter2.ToPython(value.Item2));
            tuple.SetTupleItem(2, TConverter3.ToPython(value.Item3));
            tuple.SetTupleItem(3, TConverter4.ToPython(value.Item4));
        }
        catch
        {
            tuple.Dispose();
            throw;
        }

        return tuple;
    }

    /// <inheritdoc />
    public static (T1, T2, T3, T4) FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        Collections.CheckTuple(pointer, 4, typeof((T1, T2, T3, T4)));
        var item1 = Collections.Item(pointer, 0);
        var item2 = Collections.Item(pointer, 1);
        var item3 = Collections.Item(pointer, 2);
        var item4 = Collections.Item(pointer, 3);
        return (
            TConverter1.FromPython(in item1),
            TConverter2.FromPython(in item2),
            TConverter3.FromPython(in item3),
            TConverter4.FromPython(in item4));
    }
}

/// <summary>Python 5-tuple ↔ <see cref="ValueTuple{T1, T2, T3, T4, T5}"/>.</summary>
/// <typeparam name="T1">The first item type.</typeparam>
/// <typeparam name="TConverter1">Its converter.</typeparam>
/// <typeparam name="T2">The second item type.</typeparam>
/// <typeparam name="TConverter2">Its converter.</typeparam>
/// <typeparam name="T3">The third item type.</typeparam>
/// <typeparam name="TConverter3">Its converter.</typeparam>
/// <typeparam name="T4">The fourth item type.</typeparam>
/// <typeparam name="TConverter4">Its converter.</typeparam>
/// <typeparam name="T5">The fifth item type.</typeparam>
/// <typeparam name="TConverter5">Its converter.</typeparam>
public readonly struct TupleConverter<T1, TConverter1, T2, TConverter2, T3, TConverter3, T4, TConverter4, T5, TConverter5> : IPythonConverter<(T1, T2, T3, T4, T5)>
    where TConverter1 : IPythonConverter<T1>
    where TConverter2 : IPythonConverter<T2>
    where TConverter3 : IPythonConverter<T3>
    where TConverter4 : IPythonConverter<T4>
    where TConverter5 : IPythonConverter<T5>
{
    /// <inheritdoc />
    public static PyRef ToPython((T1, T2, T3, T4, T5) value)
    {
        var tuple = PyRef.NewTuple(5);
        try
        {
            tuple.SetTupleItem(0, TConverter1.ToPython(value.Item1));
            tuple.SetTupleItem(1, TConverter2.ToPython(value.Item2));
            tuple.SetTupleItem(2, TConverter3.ToPython(value.Item3));
            tuple.SetTupleItem(3, TConverter4.ToPython(value.Item4));
            tuple.SetTupleItem(4, TConverter5.ToPython(value.Item5));
        }
        catch
        {
            tuple.Dispose();
            throw;
        }

        return tuple;
    }

    /// <inheritdoc />
    public static (T1, T2, T3, T4, T5) FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        Collections.CheckTuple(pointer, 5, typeof((T1, T2, T3, T4, T5)));
        var item1 = Collections.Item(pointer, 0);
        var item2 = Collections.Item(pointer, 1);
        var item3 = Collections.Item(pointer, 2);
        var item4 = Collections.Item(pointer, 3);
        var item5 = Collections.Item(pointer, 4);
        return (
            TConverter1.FromPython(in item1),
            TConverter2.FromPython(in item2),
            TConverter3.FromPython(in item3),
            TConverter4.FromPython(in item4),
            TConverter5.FromPython(in item5));
    }
}

/// <summary>Python 6-tuple ↔ <see cref="ValueTuple{T1, T2, T3, T4, T5, T6}"/>.</summary>
/// <typeparam name="T1">The first item type.</typeparam>
/// <typeparam name="TConverter1">Its converter.</typeparam>
/// <typeparam name="T2">The second item type.</typeparam>
/// <typeparam name="TConverter2">Its converter.</typeparam>
/// <typeparam name="T3">The third item type.</typeparam>
/// <typeparam name="TConverter3">Its converter.</typeparam>
/// <typeparam name="T4">The fourth item type.</typeparam>
/// <typeparam name="TConverter4">Its converter.</typeparam>
/// <typeparam name="T5">The fifth item type.</typeparam>
/// <typeparam name="TConverter5">Its converter.</typeparam>
/// <typeparam name="T6">The sixth item type.</typeparam>
/// <typeparam name="TConverter6">Its converter.</typeparam>
public readonly struct TupleConverter<T1, TConverter1, T2, TConverter2, T3, TConverter3, T4, TConverter4, T5, TConverter5, T6, TConverter6> : IPythonConverter<(T1, T2, T3, T4, T5, T6)>
    where TConverter1 : IPythonConverter<T1>
    where TConverter2 : IPythonConverter<T2>
    where TConverter3 : IPythonConverter<T3>
    where TConverter4 : IPythonConverter<T4>
    where TConverter5 : IPythonConverter<T5>
    where TConverter6 : IPythonConverter<T6>
{
    /// <inheritdoc />
    public static PyRef ToPython((T1, T2, T3, T4, T5, T6) value)
    {
        var tuple = PyRef.NewTuple(6);
        try
        {
            tuple.SetTupleItem(0, TConverter1.ToPython(value.Item1));
            tuple.SetTupleItem(1, TConverter2.ToPython(value.Item2));
            tuple.SetTupleItem(2, TConverter3.ToPython(value.Item3));
            tuple.SetTupleItem(3, TConverter4.ToPython(value.Item4));
            tuple.SetTupleItem(4, TConverter5.ToPython(value.Item5));
            tuple.SetTupleItem(5, TConverter6.ToPython(value.Item6));
        }
        catch
        {
            tuple.Dispose();
            throw;
        }

        return tuple;
    }

    /// <inheritdoc />
    public static (T1, T2, T3, T4, T5, T6) FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        Collections.CheckTuple(pointer, 6, typeof((T1, T2, T3, T4, T5, T6)));
        var item1 = Collections.Item(pointer, 0);
        var item2 = Collections.Item(pointer, 1);
        var item3 = Collections.Item(pointer, 2);
        var item4 = Collections.Item(pointer, 3);
        var item5 = Collections.Item(pointer, 4);
        var item6 = Collections.Item(pointer, 5);
        return (
            TConverter1.FromPython(in item1),
            TConverter2.FromPython(in item2),
            TConverter3.FromPython(in item3),
            TConverter4.FromPython(in item4),
            TConverter5.FromPython(in item5),
            TConverter6.FromPython(in item6));
    }
}

/// <summary>Python 7-tuple ↔ <see cref="ValueTuple{T1, T2, T3, T4, T5, T6, T7}"/>.</summary>
/// <typeparam name="T1">The first item type.</typeparam>
/// <typeparam name="TConverter1">Its converter.</typeparam>
/// <typeparam name="T2">The second item type.</typeparam>
/// <typeparam name="TConverter2">Its converter.</typeparam>
/// <typeparam name="T3">The third item type.</typeparam>
/// <typeparam name="TConverter3">Its converter.</typeparam>
/// <typeparam name="T4">The fourth item type.</typeparam>
/// <typeparam name="TConverter4">Its converter.</typeparam>
/// <typeparam name="T5">The fifth item type.</typeparam>
/// <typeparam name="TConverter5">Its converter.</typeparam>
/// <typeparam name="T6">The sixth item type.</typeparam>
/// <typeparam name="TConverter6">Its converter.</typeparam>
/// <typeparam name="T7">The seventh item type.</typeparam>
/// <typeparam name="TConverter7">Its converter.</typeparam>
public readonly struct TupleConverter<T1, TConverter1, T2, TConverter2, T3, TConverter3, T4, TConverter4, T5, TConverter5, T6, TConverter6, T7, TConverter7> : IPythonConverter<(T1, T2, T3, T4, T5, T6, T7)>
    where TConverter1 : IPythonConverter<T1>
    where TConverter2 : IPythonConverter<T2>
    where TConverter3 : IPythonConverter<T3>
    where TConverter4 : IPythonConverter<T4>
    where TConverter5 : IPythonConverter<T5>
    where TConverter6 : IPythonConverter<T6>
    where TConverter7 : IPythonConverter<T7>
{
    /// <inheritdoc />
    public static PyRef ToPython((T1, T2, T3, T4, T5, T6, T7) value)
    {
        var tuple = PyRef.NewTuple(7);
        try
        {
            tuple.SetTupleItem(0, TConverter1.ToPython(value.Item1));
            tuple.SetTupleItem(1, TConverter2.ToPython(value.Item2));
            tuple.SetTupleItem(2, TConverter3.ToPython(value.Item3));
            tuple.SetTupleItem(3, TConverter4.ToPython(value.Item4));
            tuple.SetTupleItem(4, TConverter5.ToPython(value.Item5));
            tuple.SetTupleItem(5, TConverter6.ToPython(value.Item6));
            tuple.SetTupleItem(6, TConverter7.ToPython(value.Item7));
        }
        catch
        {
            tuple.Dispose();
            throw;
        }

        return tuple;
    }

    /// <inheritdoc />
    public static (T1, T2, T3, T4, T5, T6, T7) FromPython(scoped in PyRef value)
    {
        var pointer = value.Pointer;
        Collections.CheckTuple(pointer, 7, typeof((T1, T2, T3, T4, T5, T6, T7)));
        var item1 = Collections.Item(pointer, 0);
        var item2 = Collections.Item(pointer, 1);
        var item3 = Collections.Item(pointer, 2);
        var item4 = Collections.Item(pointer, 3);
        var item5 = Collections.Item(pointer, 4);
        var item6 = Collections.Item(pointer, 5);
        var item7 = Collections.Item(pointer, 6);
        return (
            TConverter1.FromPython(in item1),
            TConverter2.FromPython(in item2),
            TConverter3.FromPython(in item3),
            TConverter4.FromPython(in item4),
            TConverter5.FromPython(in item5),
            TConverter6.FromPython(in item6),
            TConverter7.FromPython(in item7));
    }
}
