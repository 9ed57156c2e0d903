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

    [LibraryImport(Library)]
    internal static partial ulong PyThreadState_GetID(nint threadState);

    /// <summary>Schedules <paramref name="exception"/> (or clears a pending one when 0) in the thread with that id.</summary>
    [LibraryImport(Library)]
    internal static partial int PyThreadState_SetAsyncExc(CULong threadId, nint exception);
}
