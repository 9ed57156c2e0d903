using System.Buffers;
using System.Text;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// One owned reference to a Python object, for temporaries on the hot path: it lives on the stack, costs no
/// allocation, and releases its reference when disposed. Use only while holding the GIL, on one thread.
/// Call <see cref="ToObject"/> to let an object escape into a <see cref="PythonObject"/>.
/// </summary>
public ref struct PyRef
{
    private nint _pointer;

    internal PyRef(nint owned) => _pointer = owned;

    /// <summary>Whether this holds no reference (default, disposed or moved out).</summary>
    public readonly bool IsNull => _pointer == 0;

    /// <summary>Whether this is Python's <c>None</c>.</summary>
    public readonly bool IsNone => _pointer == CPython.None;

    internal readonly nint Pointer => _pointer;

    /// <summary>A new reference to <c>None</c>.</summary>
    public static PyRef None => Borrow(CPython.None);

    /// <summary>Converts a C# long to a Python int.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The new reference.</returns>
    public static PyRef FromInt64(long value) => new(Errors.ThrowIfNull(CPython.PyLong_FromLongLong(value)));

    /// <summary>Converts a C# double to a Python float.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The new reference.</returns>
    public static PyRef FromDouble(double value) => new(Errors.ThrowIfNull(CPython.PyFloat_FromDouble(value)));

    /// <summary>Returns Python's <c>True</c> or <c>False</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The new reference.</returns>
    public static PyRef FromBoolean(bool value) => Borrow(value ? CPython.True : CPython.False);

    /// <summary>Converts a C# string to a Python str (through UTF-8, without a managed allocation).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The new reference.</returns>
    public static unsafe PyRef FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            fixed (byte* utf8 = buffer)
            {
                return new(Errors.ThrowIfNull(CPython.PyUnicode_FromStringAndSize(utf8, length)));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies bytes into a new Python bytes object.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>The new reference.</returns>
    public static unsafe PyRef FromBytes(ReadOnlySpan<byte> value)
    {
        fixed (byte* data = value)
        {
            return new(Errors.ThrowIfNull(CPython.PyBytes_FromStringAndSize(data, value.Length)));
        }
    }

    /// <summary>A new reference to the object a <see cref="PythonObject"/> holds.</summary>
    /// <param name="value">The object.</param>
    /// <returns>The new reference.</returns>
    public static PyRef FromObject(PythonObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Borrow(value.Pointer);
    }

    /// <summary>Converts to a C# long; a non-int or an int outside the long range is an error.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="PythonConversionException">The object is not an int.</exception>
    /// <exception cref="OverflowException">The int does not fit in a long.</exception>
    public readonly long ToInt64()
    {
        var value = CPython.PyLong_AsLongLong(_pointer);
        if (value == -1 && CPython.PyErr_Occurred() != 0)
        {
            Errors.ThrowConversion(_pointer, typeof(long));
        }

        return value;
    }

    /// <summary>Converts a Python float (or int) to a C# double.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="PythonConversionException">The object is not a number.</exception>
    public readonly double ToDouble()
    {
        var value = CPython.PyFloat_AsDouble(_pointer);
        if (value == -1.0 && CPython.PyErr_Occurred() != 0)
        {
            Errors.ThrowConversion(_pointer, typeof(double));
        }

        return value;
    }

    /// <summary>Converts Python's <c>True</c>/<c>False</c> to a C# bool; any other object is an error.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="PythonConversionException">The object is not a bool.</exception>
    public readonly bool ToBoolean()
    {
        if (_pointer == CPython.True)
        {
            return true;
        }

        if (_pointer != CPython.False)
        {
            Errors.ThrowConversion(_pointer, typeof(bool));
        }

        return false;
    }

    /// <summary>Converts a Python str to a C# string (decoding its UTF-8 form).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="PythonConversionException">The object is not a str.</exception>
    public readonly unsafe string ToManagedString()
    {
        nint length;
        var utf8 = CPython.PyUnicode_AsUTF8AndSize(_pointer, &length);
        if (utf8 == null)
        {
            Errors.ThrowConversion(_pointer, typeof(string));
        }

        return Encoding.UTF8.GetString(utf8, checked((int)length));
    }

    /// <summary>Copies a Python bytes object to a new array.</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="PythonConversionException">The object is not bytes.</exception>
    public readonly unsafe byte[] ToByteArray()
    {
        byte* data;
        nint length;
        if (CPython.PyBytes_AsStringAndSize(_pointer, &data, &length) != 0)
        {
            Errors.ThrowConversion(_pointer, typeof(byte[]));
        }

        return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
    }

    /// <summary>Gets an attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <returns>The new reference.</returns>
    /// <exception cref="PythonException">The attribute does not exist.</exception>
    public readonly unsafe PyRef GetAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* text = utf8)
        {
            return new(Errors.ThrowIfNull(CPython.PyObject_GetAttrString(_pointer, text)));
        }
    }

    /// <summary>Sets an attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">The value (not consumed).</param>
    /// <exception cref="PythonException">Python refused.</exception>
    public readonly unsafe void SetAttribute(string name, scoped in PyRef value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* text = utf8)
        {
            Errors.ThrowIfFailed(CPython.PyObject_SetAttrString(_pointer, text, value._pointer));
        }
    }

    /// <summary>Returns <c>str(obj)</c>.</summary>
    /// <returns>The text.</returns>
    public override readonly string ToString()
    {
        if (_pointer == 0)
        {
            return "<null>";
        }

        using var text = new PyRef(Errors.ThrowIfNull(CPython.PyObject_Str(_pointer)));
        return text.ToManagedString();
    }

    /// <summary>Moves the reference into a <see cref="PythonObject"/> that may outlive the GIL scope; this becomes null.</summary>
    /// <returns>The object.</returns>
    public PythonObject ToObject() => new(Detach());

    /// <summary>Releases the reference.</summary>
    public void Dispose()
    {
        var pointer = _pointer;
        if (pointer != 0)
        {
            _pointer = 0;
            CPython.Py_DecRef(pointer);
        }
    }

    internal static PyRef Borrow(nint borrowed)
    {
        CPython.Py_IncRef(borrowed);
        return new PyRef(borrowed);
    }

    internal static unsafe PyRef Import(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* text = utf8)
        {
            return new(Errors.ThrowIfNull(CPython.PyImport_ImportModule(text)));
        }
    }

    internal static PyRef NewList(int count) => new(Errors.ThrowIfNull(CPython.PyList_New(count)));

    internal static PyRef NewTuple(int count) => new(Errors.ThrowIfNull(CPython.PyTuple_New(count)));

    internal static PyRef NewDict() => new(Errors.ThrowIfNull(CPython.PyDict_New()));

    /// <summary>Stores an item in a new list, consuming it.</summary>
    internal readonly void SetListItem(int index, PyRef item)
        => Errors.ThrowIfFailed(CPython.PyList_SetItem(_pointer, index, item.Detach()));

    /// <summary>Stores an item in a new tuple, consuming it.</summary>
    internal readonly void SetTupleItem(int index, PyRef item)
        => Errors.ThrowIfFailed(CPython.PyTuple_SetItem(_pointer, index, item.Detach()));

    internal nint Detach()
    {
        var pointer = _pointer;
        _pointer = 0;
        return pointer;
    }
}
