using System.Collections.Concurrent;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// References dropped by threads that do not hold the GIL (the finalizer thread, a dispose outside a scope).
/// They are released by the next thread that leaves a GIL scope, while it still holds the GIL.
/// </summary>
internal static class ReleaseQueue
{
    private static readonly ConcurrentQueue<nint> s_pending = new();

    internal static int Count => s_pending.Count;

    internal static void Enqueue(nint reference) => s_pending.Enqueue(reference);

    /// <summary>Releases every queued reference; the caller holds the GIL.</summary>
    internal static void Drain()
    {
        if (s_pending.IsEmpty)
        {
            return;
        }

        while (s_pending.TryDequeue(out var reference))
        {
            CPython.Py_DecRef(reference);
        }
    }

    /// <summary>After finalize nothing may be released: the objects are gone with the interpreter.</summary>
    internal static void Discard() => s_pending.Clear();
}
