using System.Runtime.CompilerServices;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// The calling OS thread's persistent <c>PyThreadState</c> and how deeply it currently holds the GIL.
/// A thread state is created once per thread and reused for every later GIL acquisition.
/// </summary>
internal static class ThreadStates
{
    [ThreadStatic]
    private static nint t_state;

    [ThreadStatic]
    private static int t_depth;

    /// <summary>Whether the calling thread holds the GIL through a <see cref="PythonGil"/> scope.</summary>
    internal static bool HoldsGil => t_depth > 0;

    /// <summary>The calling thread's thread state, or 0 when it has none yet.</summary>
    internal static nint Current => t_state;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Enter()
    {
        var depth = t_depth;
        if (depth > 0)
        {
            t_depth = depth + 1;
            return;
        }

        EnterOutermost();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterOutermost()
    {
        t_depth = 1;
        var runtime = PythonRuntime.s_current;
        if (runtime is null || !runtime.IsRunning)
        {
            t_depth--;
            throw new InvalidOperationException("The Python runtime is not running: call PythonRuntime.Start first (and not after Dispose).");
        }

        var state = t_state;
        if (state == 0)
        {
            state = CPython.PyThreadState_New(runtime.Interpreter);
            if (state == 0)
            {
                t_depth--;
                throw new InvalidOperationException("PyThreadState_New failed (out of memory).");
            }

            t_state = state;
        }

        CPython.PyEval_RestoreThread(state);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Exit()
    {
        var depth = t_depth - 1;
        t_depth = depth;
        if (depth == 0)
        {
            ReleaseQueue.Drain();
            CPython.PyEval_SaveThread();
        }
    }

    internal static void EnterHeld() => t_depth++;

    internal static void ExitHeld()
    {
        if (--t_depth == 0)
        {
            ReleaseQueue.Drain();
        }
    }

    /// <summary>Releases the GIL for a blocking wait inside a scope, keeping the depth; pair with <see cref="Resume"/>.</summary>
    internal static void Suspend() => CPython.PyEval_SaveThread();

    internal static void Resume() => CPython.PyEval_RestoreThread(t_state);

    /// <summary>Deletes the calling thread's thread state (a worker is stopping). The thread must not hold the GIL.</summary>
    internal static void DeleteCurrent()
    {
        if (t_state == 0 || t_depth > 0)
        {
            return;
        }

        var runtime = PythonRuntime.s_current;
        if (runtime is not null && runtime.IsRunning)
        {
            CPython.PyEval_RestoreThread(t_state);
            ReleaseQueue.Drain();
            CPython.PyThreadState_Clear(t_state);
            CPython.PyThreadState_DeleteCurrent();
        }

        t_state = 0;
    }

    /// <summary>Forgets the thread state without touching Python (the init thread hands its own to finalize).</summary>
    internal static void Forget() => t_state = 0;

    /// <summary>Adopts the thread state Py_InitializeEx made on the init thread.</summary>
    internal static void Adopt(nint state) => t_state = state;
}
