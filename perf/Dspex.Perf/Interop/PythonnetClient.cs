using Python.Runtime;

namespace Dspex.Perf.Interop;

/// <summary>The same calls through pythonnet 3.2.1, written the way its documentation shows (Py.GIL per call).</summary>
internal sealed class PythonnetClient
{
    private readonly PyObject _add;
    private readonly PyObject _echoText;
    private readonly PyObject _echoInts;
    private readonly PyObject _vector;

    public PythonnetClient(string libraryPath)
    {
        // The interpreter is already initialised by Dspex.Interop; pythonnet attaches to it.
        Runtime.PythonDLL = libraryPath;
        PythonEngine.Initialize();
        PythonEngine.BeginAllowThreads();
        using (Py.GIL())
        {
            using var module = Py.Import("math_ops");
            _add = module.GetAttr("add");
            _echoText = module.GetAttr("echo_text");
            _echoInts = module.GetAttr("echo_ints");
            using var make = module.GetAttr("vector");
            using var n = new PyInt(InteropBenchmarks.VectorLength);
            _vector = make.Invoke(n);
        }
    }

    public long Add(long a, long b)
    {
        using (Py.GIL())
        {
            using var x = new PyInt(a);
            using var y = new PyInt(b);
            using var result = _add.Invoke(x, y);
            return result.As<long>();
        }
    }

    public string EchoText(string text)
    {
        using (Py.GIL())
        {
            using var arg = new PyString(text);
            using var result = _echoText.Invoke(arg);
            return result.As<string>();
        }
    }

    public IReadOnlyList<long> EchoInts(IReadOnlyList<long> values)
    {
        using (Py.GIL())
        {
            using var list = new PyList();
            foreach (var value in values)
            {
                using var item = new PyInt(value);
                list.Append(item);
            }

            using var result = _echoInts.Invoke(list);
            var count = (int)result.Length();
            var items = new long[count];
            for (var i = 0; i < count; i++)
            {
                using var item = result[i];
                items[i] = item.As<long>();
            }

            return items;
        }
    }

    public double SumVector()
    {
        using (Py.GIL())
        {
            using var buffer = _vector.GetBuffer(PyBUF.ND);
            var values = new double[InteropBenchmarks.VectorLength];
            var bytes = new byte[values.Length * sizeof(double)];
            buffer.Read(bytes, 0, bytes.Length, 0);
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            var total = 0.0;
            foreach (var value in values)
            {
                total += value;
            }

            return total;
        }
    }
}
