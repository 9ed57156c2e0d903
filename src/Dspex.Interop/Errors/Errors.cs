using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>Turns the Python error indicator into .NET exceptions, always leaving the indicator clear.</summary>
internal static unsafe class Errors
{
    private const int MaxCauseDepth = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static nint ThrowIfNull(nint result)
    {
        if (result == 0)
        {
            ThrowCurrent();
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ThrowIfFailed(int status)
    {
        if (status < 0)
        {
            ThrowCurrent();
        }
    }

    /// <summary>Throws the pending Python error (clearing it), or an InvalidOperationException when none is set.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowCurrent() => throw TakeCurrent(CancellationToken.None);

    /// <summary>Fetches and clears the pending error; an injected cancellation becomes OperationCanceledException.</summary>
    internal static Exception TakeCurrent(CancellationToken token)
    {
        nint type, value, traceback;
        CPython.PyErr_Fetch(&type, &value, &traceback);
        if (type == 0)
        {
            return new InvalidOperationException("A Python C-API call failed without setting an exception.");
        }

        CPython.PyErr_NormalizeException(&type, &value, &traceback);
        if (traceback != 0 && value != 0)
        {
            _ = CPython.PyException_SetTraceback(value, traceback);
        }

        using var typeRef = new PyRef(type);
        using var valueRef = new PyRef(value);
        using var tracebackRef = new PyRef(traceback);
        var runtime = PythonRuntime.s_current;
        if (runtime is not null && CPython.PyErr_GivenExceptionMatches(type, runtime.CancelledErrorType) != 0)
        {
            return new OperationCanceledException("The Python call was cancelled.", token);
        }

        return Describe(value == 0 ? type : value, 0) ?? new PythonException(TypeName(type), string.Empty, null, null);
    }

    /// <summary>Throws a conversion error naming the expected type and the actual Python type; clears any pending error.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowConversion(nint obj, Type expected)
    {
        string? detail = null;
        var overflow = false;
        if (CPython.PyErr_Occurred() != 0)
        {
            overflow = CPython.PyErr_ExceptionMatches(CPython.OverflowError) != 0;
            detail = TakeCurrent(CancellationToken.None).Message;
        }

        var pythonType = TypeNameOf(obj);
        if (overflow)
        {
            throw new OverflowException($"Python {pythonType} does not fit in C# {expected.Name}: {detail}");
        }

        throw new PythonConversionException(expected, pythonType, detail);
    }

    /// <summary>The qualified type name of an object, e.g. <c>int</c>, <c>numpy.ndarray</c>.</summary>
    internal static string TypeNameOf(nint obj)
    {
        if (obj == 0)
        {
            return "NULL";
        }

        if (obj == CPython.None)
        {
            return "NoneType";
        }

        using var type = new PyRef(CPython.PyObject_Type(obj));
        return TypeName(type.Pointer);
    }

    private static string TypeName(nint type)
    {
        var module = AttributeText(type, "__module__"u8);
        var name = AttributeText(type, "__qualname__"u8) ?? "object";
        return module is null or "builtins" ? name : $"{module}.{name}";
    }

    private static PythonException? Describe(nint exception, int depth)
    {
        if (exception == 0 || depth > MaxCauseDepth)
        {
            return null;
        }

        using var type = new PyRef(CPython.PyObject_Type(exception));
        var typeName = TypeName(type.Pointer);
        var message = Text(CPython.PyObject_Str(exception)) ?? string.Empty;
        var traceback = FormatTraceback(type.Pointer, exception);

        PythonException? cause = null;
        using (var explicitCause = Attribute(exception, "__cause__"u8))
        {
            if (!explicitCause.IsNull && !explicitCause.IsNone)
            {
                cause = Describe(explicitCause.Pointer, depth + 1);
            }
            else
            {
                using var suppress = Attribute(exception, "__suppress_context__"u8);
                var suppressed = !suppress.IsNull && suppress.Pointer == CPython.True;
                using var context = Attribute(exception, "__context__"u8);
                if (!suppressed && !context.IsNull && !context.IsNone)
                {
                    cause = Describe(context.Pointer, depth + 1);
                }
            }
        }

        return new PythonException(typeName, message, traceback, cause);
    }

    private static string? FormatTraceback(nint type, nint exception)
    {
        var runtime = PythonRuntime.s_current;
        if (runtime is null || runtime.FormatException == 0)
        {
            return null;
        }

        using var tracebackObject = Attribute(exception, "__traceback__"u8);
        using var args = PyRef.NewTuple(3);
        args.SetTupleItem(0, PyRef.Borrow(type));
        args.SetTupleItem(1, PyRef.Borrow(exception));
        args.SetTupleItem(2, tracebackObject.IsNull ? PyRef.None : PyRef.Borrow(tracebackObject.Pointer));

        // Only the exception's own part: chained causes are formatted on their own PythonException.
        using var lines = new PyRef(CPython.PyObject_Call(runtime.FormatException, args.Pointer, 0));
        if (lines.IsNull)
        {
            CPython.PyErr_Clear();
            return null;
        }

        var builder = new StringBuilder();
        var count = CPython.PyList_Size(lines.Pointer);
        for (nint i = 0; i < count; i++)
        {
            var line = CPython.PyList_GetItem(lines.Pointer, i);
            nint length;
            var utf8 = CPython.PyUnicode_AsUTF8AndSize(line, &length);
            if (utf8 != null)
            {
                builder.Append(Encoding.UTF8.GetString(utf8, (int)length));
            }
        }

        CPython.PyErr_Clear();
        return builder.ToString();
    }

    private static PyRef Attribute(nint obj, ReadOnlySpan<byte> nameUtf8)
    {
        fixed (byte* name = nameUtf8)
        {
            var value = CPython.PyObject_GetAttrString(obj, name);
            if (value == 0)
            {
                CPython.PyErr_Clear();
            }

            return new PyRef(value);
        }
    }

    private static string? AttributeText(nint obj, ReadOnlySpan<byte> nameUtf8)
    {
        using var value = Attribute(obj, nameUtf8);
        return value.IsNull ? null : Text(CPython.PyObject_Str(value.Pointer));
    }

    /// <summary>Decodes and releases a new str reference; null (and a cleared error) when it is null or not a str.</summary>
    private static string? Text(nint owned)
    {
        if (owned == 0)
        {
            CPython.PyErr_Clear();
            return null;
        }

        using var text = new PyRef(owned);
        nint length;
        var utf8 = CPython.PyUnicode_AsUTF8AndSize(owned, &length);
        if (utf8 == null)
        {
            CPython.PyErr_Clear();
            return null;
        }

        return Encoding.UTF8.GetString(utf8, (int)length);
    }
}
