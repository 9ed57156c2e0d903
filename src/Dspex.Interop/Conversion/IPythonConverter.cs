namespace Dspex.Interop;

/// <summary>
/// Converts between a C# type and Python objects, without reflection: generated code names converters as
/// type arguments (e.g. <c>ListConverter&lt;long, Int64Converter&gt;</c>) so every call is resolved at JIT time.
/// Both methods require the GIL.
/// </summary>
/// <typeparam name="T">The C# type.</typeparam>
public interface IPythonConverter<T>
{
    /// <summary>Creates a new Python object for <paramref name="value"/>.</summary>
    /// <param name="value">The C# value.</param>
    /// <returns>A new reference.</returns>
    static abstract PyRef ToPython(T value);

    /// <summary>Reads a Python object as <typeparamref name="T"/>; the reference is borrowed, not consumed.</summary>
    /// <param name="value">The Python object.</param>
    /// <returns>The C# value.</returns>
    /// <exception cref="PythonConversionException">The object is not of the expected Python type.</exception>
    static abstract T FromPython(scoped in PyRef value);
}
