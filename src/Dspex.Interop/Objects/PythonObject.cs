using System.Runtime.InteropServices;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// A Python object that may outlive a GIL scope (a module, a cached function, a result kept by the caller).
/// Releasing it without the GIL, for example from the finalizer, queues the release until some thread next
/// leaves a GIL scope; after the interpreter is finalised nothing is released.
/// </summary>
public sealed class PythonObject : SafeHandle
{
    internal PythonObject(nint owned)
        : base(0, ownsHandle: true)
        => SetHandle(owned);

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    internal nint Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>A new reference to this object for use inside a GIL scope.</summary>
    /// <returns>The reference.</returns>
    public PyRef NewReference() => PyRef.FromObject(this);

    /// <summary>Gets an attribute as a new object (e.g. a function of a module, to cache it).</summary>
    /// <param name="name">The attribute's name.</param>
    /// <returns>The attribute's value.</returns>
    /// <exception cref="PythonException">The attribute does not exist.</exception>
    public PythonObject GetAttribute(string name)
    {
        using var gil = PythonGil.Acquire();
        using var self = NewReference();
        using var value = self.GetAttribute(name);
        return value.ToObject();
    }

    /// <summary>
    /// Opens the object's buffer (a numpy array, bytes, bytearray, memoryview) for zero-copy access; the
    /// returned scope holds the GIL until disposed.
    /// </summary>
    /// <typeparam name="T">The element type the buffer's format must match.</typeparam>
    /// <param name="access">Read, or read and write.</param>
    /// <returns>The open buffer.</returns>
    /// <exception cref="PythonConversionException">No buffer, the wrong format or item size, or not C-contiguous.</exception>
    public PythonBuffer<T> OpenBuffer<T>(PythonBufferAccess access = PythonBufferAccess.Read)
        where T : unmanaged
        => PythonBuffer<T>.Open(Pointer, access);

    /// <summary>Calls the object with positional arguments (consumed) and keyword arguments, inside a GIL scope.</summary>
    /// <param name="arguments">The arguments; each holds an owned reference that the caller disposes afterwards.</param>
    /// <param name="cancellationToken">Interrupts the running call: it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PythonException">The call raised.</exception>
    public PyRef Invoke(scoped ref PyArguments arguments, CancellationToken cancellationToken = default)
    {
        var callable = Pointer;
        return cancellationToken.CanBeCanceled
            ? Cancellation.Invoke(callable, ref arguments, cancellationToken)
            : new PyRef(Errors.ThrowIfNull(arguments.Call(callable)));
    }

    /// <summary>Returns <c>str(obj)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        using var gil = PythonGil.Acquire();
        using var self = NewReference();
        return self.ToString();
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        var runtime = PythonRuntime.s_current;
        if (runtime is null || !runtime.IsRunning)
        {
            return true;
        }

        if (ThreadStates.HoldsGil)
        {
            CPython.Py_DecRef(handle);
        }
        else
        {
            ReleaseQueue.Enqueue(handle);
        }

        return true;
    }
}
