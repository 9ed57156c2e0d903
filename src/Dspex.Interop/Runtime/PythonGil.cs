namespace Dspex.Interop;

/// <summary>
/// Holds the GIL on the calling thread for the scope's lifetime, using the thread's persistent thread state.
/// Nesting costs a counter increment. Use as <c>using var gil = PythonGil.Acquire();</c>.
/// </summary>
public ref struct PythonGil
{
    private bool _held;
    private bool _adopted;

    /// <summary>Acquires the GIL (or deepens the calling thread's current hold).</summary>
    /// <returns>The scope; dispose it on the same thread.</returns>
    /// <exception cref="InvalidOperationException">The runtime is not running.</exception>
    public static PythonGil Acquire()
    {
        ThreadStates.Enter();
        return new PythonGil { _held = true };
    }

    /// <summary>Counts a GIL the thread already holds (the init thread after Py_InitializeEx) as a scope.</summary>
    internal static PythonGil AdoptHeld()
    {
        ThreadStates.EnterHeld();
        return new PythonGil { _held = true, _adopted = true };
    }

    /// <summary>Whether the calling thread currently holds the GIL through some scope.</summary>
    public static bool IsHeld => ThreadStates.HoldsGil;

    /// <summary>Leaves the scope; the outermost scope drains queued releases and releases the GIL.</summary>
    public void Dispose()
    {
        if (_held)
        {
            _held = false;
            if (_adopted)
            {
                ThreadStates.ExitHeld();
            }
            else
            {
                ThreadStates.Exit();
            }
        }
    }
}
