namespace Dspex.Interop;

/// <summary><c>Optional[T]</c> ↔ <c>T?</c> for value types: <c>None</c> is <see langword="null"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <typeparam name="TConverter">The converter of <typeparamref name="T"/>.</typeparam>
public readonly struct NullableConverter<T, TConverter> : IPythonConverter<T?>
    where T : struct
    where TConverter : IPythonConverter<T>
{
    /// <inheritdoc />
    public static PyRef ToPython(T? value) => value is { } present ? TConverter.ToPython(present) : PyRef.None;

    /// <inheritdoc />
    public static T? FromPython(scoped in PyRef value) => value.IsNone ? null : TConverter.FromPython(in value);
}

/// <summary><c>Optional[T]</c> ↔ <c>T?</c> for reference types: <c>None</c> is <see langword="null"/>.</summary>
/// <typeparam name="T">The reference type.</typeparam>
/// <typeparam name="TConverter">The converter of <typeparamref name="T"/>.</typeparam>
public readonly struct OptionalConverter<T, TConverter> : IPythonConverter<T?>
    where T : class
    where TConverter : IPythonConverter<T>
{
    /// <inheritdoc />
    public static PyRef ToPython(T? value) => value is null ? PyRef.None : TConverter.ToPython(value);

    /// <inheritdoc />
    public static T? FromPython(scoped in PyRef value) => value.IsNone ? null : TConverter.FromPython(in value);
}
