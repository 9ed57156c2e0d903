using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// References dropped by threads that do not hold the GIL (the finalizer thread, a dispose outside a scope).
/// They are released by the next thread that leaves a GIL scope, while it still holds the GIL.
/// </summary>
internal static class ReleaseQueue
{
    private static readonly ConcurrentQueue<nint> s_pending = new();

    // A plain counter makes the check on every GIL release one memory read.
    private static int s_count;

    internal static int Count => Volatile.Read(ref s_count);

    internal static void Enqueue(nint reference)
    {
        s_pending.Enqueue(reference);
        Interlocked.Increment(ref s_count);
    }

    /// <summary>Releases every queued reference; the caller holds the GIL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Drain()
    {
        if (Volatile.Read(ref s_count) != 0)
        {
            DrainQueued();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DrainQueued()
    {
        while (s_pending.TryDequeue(out var reference))
        {
            Interlocked.Decrement(ref s_count);
            CPython.Py_DecRef(reference);
        }
    }

    /// <summary>After finalize nothing may be released: the objects are gone with the interpreter.</summary>
    internal static void Discard()
    {
        s_pending.Clear();
        Volatile.Write(ref s_count, 0);
    }
}
