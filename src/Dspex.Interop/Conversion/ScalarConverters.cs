namespace Dspex.Interop;

/// <summary>Python <c>int</c> ↔ <see cref="long"/>; an int outside the long range throws <see cref="OverflowException"/>.</summary>
public readonly struct Int64Converter : IPythonConverter<long>
{
    /// <inheritdoc />
    public static PyRef ToPython(long value) => PyRef.FromInt64(value);

    /// <inheritdoc />
    public static long FromPython(scoped in PyRef value) => value.ToInt64();
}

/// <summary>Python <c>float</c> ↔ <see cref="double"/> (a Python int is accepted as a double too).</summary>
public readonly struct DoubleConverter : IPythonConverter<double>
{
    /// <inheritdoc />
    public static PyRef ToPython(double value) => PyRef.FromDouble(value);

    /// <inheritdoc />
    public static double FromPython(scoped in PyRef value) => value.ToDouble();
}

/// <summary>Python <c>bool</c> ↔ <see cref="bool"/>; only <c>True</c> and <c>False</c> are accepted.</summary>
public readonly struct BooleanConverter : IPythonConverter<bool>
{
    /// <inheritdoc />
    public static PyRef ToPython(bool value) => PyRef.FromBoolean(value);

    /// <inheritdoc />
    public static bool FromPython(scoped in PyRef value) => value.ToBoolean();
}

/// <summary>Python <c>str</c> ↔ <see cref="string"/>, through UTF-8.</summary>
public readonly struct StringConverter : IPythonConverter<string>
{
    /// <inheritdoc />
    public static PyRef ToPython(string value) => PyRef.FromString(value);

    /// <inheritdoc />
    public static string FromPython(scoped in PyRef value) => value.ToManagedString();
}

/// <summary>Python <c>bytes</c> ↔ <c>byte[]</c> (copied both ways).</summary>
public readonly struct BytesConverter : IPythonConverter<byte[]>
{
    /// <inheritdoc />
    public static PyRef ToPython(byte[] value) => PyRef.FromBytes(value);

    /// <inheritdoc />
    public static byte[] FromPython(scoped in PyRef value) => value.ToByteArray();
}

/// <summary>Any Python object ↔ <see cref="PythonObject"/> (for hints with no C# counterpart, and buffers).</summary>
public readonly struct ObjectConverter : IPythonConverter<PythonObject>
{
    /// <inheritdoc />
    public static PyRef ToPython(PythonObject value) => PyRef.FromObject(value);

    /// <inheritdoc />
    public static PythonObject FromPython(scoped in PyRef value) => PyRef.Borrow(value.Pointer).ToObject();
}

/// <summary>Python <c>None</c> ↔ nothing: the result of a function annotated <c>-> None</c>.</summary>
public readonly struct NoneConverter
{
    /// <summary>Checks that a result is <c>None</c>.</summary>
    /// <param name="value">The Python object.</param>
    /// <exception cref="PythonConversionException">It is not <c>None</c>.</exception>
    public static void FromPython(scoped in PyRef value)
    {
        if (!value.IsNone)
        {
            throw new PythonConversionException(typeof(void), Errors.TypeNameOf(value.Pointer), "expected None");
        }
    }
}
