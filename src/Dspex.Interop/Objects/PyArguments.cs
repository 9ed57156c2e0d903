using System.Runtime.CompilerServices;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// The arguments of one call, on the stack: up to <see cref="Capacity"/> positional and keyword arguments.
/// Positional arguments come first; keyword names are cached <see cref="PythonObject"/> strings.
/// Dispose it (in a <c>finally</c>) to release the argument references.
/// </summary>
public ref struct PyArguments
{
    /// <summary>The most arguments one call can take.</summary>
    public const int Capacity = 12;

    /// <summary>The most keyword arguments one call can take.</summary>
    public const int KeywordCapacity = 6;

    // Slot 0 stays free so the callee may use args[-1] (PY_VECTORCALL_ARGUMENTS_OFFSET).
    private Slots _values;
    private KeywordSlots _names;
    private int _count;
    private int _keywords;

    /// <summary>The number of arguments added.</summary>
    public readonly int Count => _count;

    /// <summary>Adds a positional argument, taking over its reference.</summary>
    /// <param name="value">A fresh reference (e.g. <c>PyRef.FromInt64(x)</c>); the arguments own it from now on, so do not dispose it.</param>
    /// <exception cref="InvalidOperationException">A keyword argument was already added, or the capacity is reached.</exception>
    public void Add(PyRef value)
    {
        var pointer = value.Detach();
        if (_keywords > 0 || _count == Capacity)
        {
            CPython.Py_DecRef(pointer);
            throw new InvalidOperationException(_keywords > 0
                ? "Positional arguments must come before keyword arguments."
                : $"A call takes at most {Capacity} arguments.");
        }

        _values[++_count] = pointer;
    }

    /// <summary>Adds a keyword argument, taking over the value's reference.</summary>
    /// <param name="name">The keyword, a Python str kept alive by the caller (generated code caches them).</param>
    /// <param name="value">A fresh reference (e.g. <c>PyRef.FromInt64(x)</c>); the arguments own it from now on, so do not dispose it.</param>
    /// <exception cref="InvalidOperationException">The capacity is reached.</exception>
    public void AddKeyword(PythonObject name, PyRef value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var pointer = value.Detach();
        if (_count == Capacity || _keywords == KeywordCapacity)
        {
            CPython.Py_DecRef(pointer);
            throw new InvalidOperationException($"A call takes at most {Capacity} arguments, {KeywordCapacity} of them keywords.");
        }

        _values[++_count] = pointer;
        _names[_keywords++] = name.Pointer;
    }

    /// <summary>Releases the argument references.</summary>
    public void Dispose()
    {
        for (var i = 1; i <= _count; i++)
        {
            CPython.Py_DecRef(_values[i]);
            _values[i] = 0;
        }

        _count = 0;
        _keywords = 0;
    }

    /// <summary>Calls with vectorcall where libpython exports it, else with a tuple and dict; returns a new reference or 0.</summary>
    internal unsafe nint Call(nint callable)
    {
        var positional = _count - _keywords;
        var vectorcall = CPython.PyObject_Vectorcall;
        if (vectorcall != null)
        {
            var args = (nint*)Unsafe.AsPointer(ref _values[1]);
            if (_keywords == 0)
            {
                return vectorcall(callable, args, (nuint)positional | CPython.VectorcallArgumentsOffset, 0);
            }

            var names = CPython.PyTuple_New(_keywords);
            if (names == 0)
            {
                return 0;
            }

            for (var i = 0; i < _keywords; i++)
            {
                CPython.Py_IncRef(_names[i]);
                _ = CPython.PyTuple_SetItem(names, i, _names[i]);
            }

            var result = vectorcall(callable, args, (nuint)positional | CPython.VectorcallArgumentsOffset, names);
            CPython.Py_DecRef(names);
            return result;
        }

        return CallWithTuple(callable, positional);
    }

    private readonly nint CallWithTuple(nint callable, int positional)
    {
        var tuple = CPython.PyTuple_New(positional);
        if (tuple == 0)
        {
            return 0;
        }

        for (var i = 0; i < positional; i++)
        {
            CPython.Py_IncRef(_values[i + 1]);
            _ = CPython.PyTuple_SetItem(tuple, i, _values[i + 1]);
        }

        nint kwargs = 0;
        if (_keywords > 0)
        {
            kwargs = CPython.PyDict_New();
            for (var i = 0; kwargs != 0 && i < _keywords; i++)
            {
                if (CPython.PyDict_SetItem(kwargs, _names[i], _values[positional + i + 1]) != 0)
                {
                    CPython.Py_DecRef(kwargs);
                    kwargs = 0;
                }
            }

            if (kwargs == 0)
            {
                CPython.Py_DecRef(tuple);
                return 0;
            }
        }

        var result = CPython.PyObject_Call(callable, tuple, kwargs);
        CPython.Py_DecRef(tuple);
        if (kwargs != 0)
        {
            CPython.Py_DecRef(kwargs);
        }

        return result;
    }

    [InlineArray(Capacity + 1)]
    private struct Slots
    {
        private nint _element;
    }

    [InlineArray(KeywordCapacity)]
    private struct KeywordSlots
    {
        private nint _element;
    }
}
