using System.Runtime.CompilerServices;
using System.Text;
using Dspex.Interop;
using Dspex.Interop.Native;

namespace Dspex.Perf.Interop;

/// <summary>
/// The baseline: the same calls written by hand against the C API, with no safety layer — a persistent thread
/// state restored and saved around each call, vectorcall on a stack array, no error translation beyond a check.
/// </summary>
internal sealed unsafe class RawClient
{
    private readonly nint _add;
    private readonly nint _echoText;
    private readonly nint _echoInts;
    private readonly nint _vector;

    public RawClient(PythonRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        (_add, _echoText, _echoInts, _vector) = TakeFunctions();
    }

    public long Add(long a, long b)
    {
        CPython.PyEval_RestoreThread(State());
        var args = stackalloc nint[3];
        args[1] = CPython.PyLong_FromLongLong(a);
        args[2] = CPython.PyLong_FromLongLong(b);
        var result = CPython.PyObject_Vectorcall(_add, args + 1, 2 | CPython.VectorcallArgumentsOffset, 0);
        CPython.Py_DecRef(args[1]);
        CPython.Py_DecRef(args[2]);
        var value = CPython.PyLong_AsLongLong(result);
        CPython.Py_DecRef(result);
        CPython.PyEval_SaveThread();
        return value;
    }

    public string EchoText(string text)
    {
        CPython.PyEval_RestoreThread(State());
        Span<byte> utf8 = stackalloc byte[256];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        var args = stackalloc nint[2];
        fixed (byte* p = utf8)
        {
            args[1] = CPython.PyUnicode_FromStringAndSize(p, length);
        }

        var result = CPython.PyObject_Vectorcall(_echoText, args + 1, 1 | CPython.VectorcallArgumentsOffset, 0);
        CPython.Py_DecRef(args[1]);
        nint size;
        var back = CPython.PyUnicode_AsUTF8AndSize(result, &size);
        var value = Encoding.UTF8.GetString(back, (int)size);
        CPython.Py_DecRef(result);
        CPython.PyEval_SaveThread();
        return value;
    }

    public IReadOnlyList<long> EchoInts(IReadOnlyList<long> values)
    {
        CPython.PyEval_RestoreThread(State());
        var list = CPython.PyList_New(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            _ = CPython.PyList_SetItem(list, i, CPython.PyLong_FromLongLong(values[i]));
        }

        var args = stackalloc nint[2];
        args[1] = list;
        var result = CPython.PyObject_Vectorcall(_echoInts, args + 1, 1 | CPython.VectorcallArgumentsOffset, 0);
        CPython.Py_DecRef(list);
        var count = CPython.PyList_Size(result);
        var items = new long[count];
        for (nint i = 0; i < count; i++)
        {
            items[i] = CPython.PyLong_AsLongLong(CPython.PyList_GetItem(result, i));
        }

        CPython.Py_DecRef(result);
        CPython.PyEval_SaveThread();
        return items;
    }

    public double SumVector()
    {
        CPython.PyEval_RestoreThread(State());
        PyBufferView view;
        _ = CPython.PyObject_GetBuffer(_vector, &view, CPython.PyBufStrides | CPython.PyBufFormat);
        var span = new ReadOnlySpan<double>(view.Buf, (int)(view.Len / 8));
        var total = 0.0;
        foreach (var value in span)
        {
            total += value;
        }

        CPython.PyBuffer_Release(&view);
        CPython.PyEval_SaveThread();
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint State()
    {
        var state = ThreadStates.Current;
        return state != 0 ? state : CreateState();
    }

    // BenchmarkDotNet may run a benchmark on another thread than the one that built the client.
    private static nint CreateState()
    {
        using (PythonGil.Acquire())
        {
            return ThreadStates.Current;
        }
    }

    private static (nint Add, nint EchoText, nint EchoInts, nint Vector) TakeFunctions()
    {
        using var gil = PythonGil.Acquire();
        using var module = PyRef.Import("math_ops");
        var add = module.GetAttribute("add").Detach();
        var echoText = module.GetAttribute("echo_text").Detach();
        var echoInts = module.GetAttribute("echo_ints").Detach();
        using var make = module.GetAttribute("vector");
        var args = new PyArguments();
        try
        {
            args.Add(PyRef.FromInt64(InteropBenchmarks.VectorLength));
            return (add, echoText, echoInts, Errors.ThrowIfNull(args.Call(make.Pointer)));
        }
        finally
        {
            args.Dispose();
        }
    }
}
