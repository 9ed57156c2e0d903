using Dspex.Interop;

namespace Dspex.Interop.Tests;

/// <summary>Small helpers that call a fixture function with converted arguments.</summary>
internal static class Call
{
    public static TResult Invoke<TArg, TArgConverter, TResult, TResultConverter>(PythonObject function, TArg argument, CancellationToken token = default)
        where TArgConverter : IPythonConverter<TArg>
        where TResultConverter : IPythonConverter<TResult>
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(TArgConverter.ToPython(argument));
            using var result = function.Invoke(ref args, token);
            return TResultConverter.FromPython(in result);
        }
        finally
        {
            args.Dispose();
        }
    }

    /// <summary>Sends a value to Python's echo and converts it back.</summary>
    public static T RoundTrip<T, TConverter>(PythonObject echo, T value)
        where TConverter : IPythonConverter<T>
        => Invoke<T, TConverter, T, TConverter>(echo, value);

    public static string Describe<T, TConverter>(PythonObject describe, T value)
        where TConverter : IPythonConverter<T>
        => Invoke<T, TConverter, string, StringConverter>(describe, value);

    public static PythonObject Object(PythonObject function, params object[] arguments)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            foreach (var argument in arguments)
            {
                args.Add(argument switch
                {
                    long l => PyRef.FromInt64(l),
                    int i => PyRef.FromInt64(i),
                    string s => PyRef.FromString(s),
                    double d => PyRef.FromDouble(d),
                    PythonObject o => PyRef.FromObject(o),
                    _ => throw new ArgumentException(argument.GetType().Name),
                });
            }

            using var result = function.Invoke(ref args);
            return ObjectConverter.FromPython(in result);
        }
        finally
        {
            args.Dispose();
        }
    }

    public static TResult Result<TResult, TResultConverter>(PythonObject function)
        where TResultConverter : IPythonConverter<TResult>
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            using var result = function.Invoke(ref args);
            return TResultConverter.FromPython(in result);
        }
        finally
        {
            args.Dispose();
        }
    }

    public static void Action(PythonObject function, CancellationToken token = default)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            using var result = function.Invoke(ref args, token);
        }
        finally
        {
            args.Dispose();
        }
    }

    public static bool ErrorIndicatorSet()
    {
        using var gil = PythonGil.Acquire();
        return Native.CPython.PyErr_Occurred() != 0;
    }
}
