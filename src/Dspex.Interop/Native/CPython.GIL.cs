using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyEval_SaveThread();

    [LibraryImport(Library)]
    internal static partial void PyEval_RestoreThread(nint threadState);

    [LibraryImport(Library)]
    internal static partial nint PyThreadState_Get();

    [LibraryImport(Library)]
    internal static partial nint PyThreadState_GetInterpreter(nint threadState);

    [LibraryImport(Library)]
    internal static partial nint PyThreadState_New(nint interpreter);

    [LibraryImport(Library)]
    internal static partial void PyThreadState_Clear(nint threadState);

    [LibraryImport(Library)]
    internal static partial void PyThreadState_DeleteCurrent();

    /// <summary>The calling OS thread's identifier as Python knows it (<c>threading.get_ident()</c>).</summary>
    [LibraryImport(Library)]
    internal static partial CULong PyThread_get_thread_ident();

    /// <summary>Schedules <paramref name="exception"/> (or clears a pending one when 0) in the thread state whose OS thread has that ident.</summary>
    [LibraryImport(Library)]
    internal static partial int PyThreadState_SetAsyncExc(CULong threadId, nint exception);
}
