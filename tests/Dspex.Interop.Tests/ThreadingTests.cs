using Dspex.Interop;
using FsCheck.Xunit;

namespace Dspex.Interop.Tests;

[Collection(EmbeddedPython.Name)]
public sealed class ThreadingTests(PythonFixture python)
{
    private readonly PythonObject _add = python.Function("add");

    private long Add(long a, long b)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(PyRef.FromInt64(a));
            args.Add(PyRef.FromInt64(b));
            using var result = _add.Invoke(ref args);
            return result.ToInt64();
        }
        finally
        {
            args.Dispose();
        }
    }

    [Fact]
    public void Eight_threads_call_concurrently_for_a_sustained_run()
    {
        const int callsPerThread = 50_000;
        var failures = 0;
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var i = 0; i < callsPerThread; i++)
            {
                if (Add(t, i) != t + i)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(0, failures);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Property(MaxTest = 25)]
    public bool Concurrent_calls_from_any_number_of_threads_return_their_own_results(byte threadCount, int[] values)
    {
        var threads = 1 + (threadCount % 8);
        var results = new long[values.Length];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = t; i < values.Length; i += threads)
            {
                results[i] = Add(values[i], i);
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return results.Select((r, i) => r == (long)values[i] + i).All(ok => ok);
    }

    [Property(MaxTest = 50)]
    public bool Nested_gil_scopes_release_the_gil_exactly_when_the_outermost_ends(byte depth)
    {
        var levels = 1 + (depth % 10);
        var ok = true;
        Nest(levels);
        return ok && !PythonGil.IsHeld;

        void Nest(int remaining)
        {
            using var gil = PythonGil.Acquire();
            ok &= PythonGil.IsHeld;
            if (remaining > 1)
            {
                Nest(remaining - 1);
            }

            ok &= PythonGil.IsHeld;
        }
    }

    [Fact]
    public void Objects_finalized_without_the_gil_are_released_at_the_next_gil_release()
    {
        var echo = python.Function("echo");
        using var probe = Call.Object(echo, "refcount probe " + Guid.NewGuid());
        var refcount = python.Function("refcount");
        var before = Call.Invoke<PythonObject, ObjectConverter, long, Int64Converter>(refcount, probe);

        MakeGarbage(probe, 100);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(ReleaseQueue.Count >= 100, $"queued releases: {ReleaseQueue.Count}");

        // The next scope's release drains the queue.
        using (PythonGil.Acquire())
        {
        }

        Assert.Equal(0, ReleaseQueue.Count);
        Assert.Equal(before, Call.Invoke<PythonObject, ObjectConverter, long, Int64Converter>(refcount, probe));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MakeGarbage(PythonObject target, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var gil = PythonGil.Acquire();
            _ = target.NewReference().ToObject();
        }
    }

    [Fact]
    public void Reference_counts_and_memory_stay_flat_over_a_million_calls()
    {
        // Bounds asserted: the argument's refcount is exactly unchanged, Python's tracked objects grow by
        // fewer than 1,000, and the process's resident memory by less than 32 MB, after 1,000,000 calls.
        var echo = python.Function("echo");
        var count = python.Function("gc_object_count");
        using var argument = Call.Object(echo, "stable argument");
        var refcount = python.Function("refcount");
        var refsBefore = Call.Invoke<PythonObject, ObjectConverter, long, Int64Converter>(refcount, argument);
        var objectsBefore = Call.Result<long, Int64Converter>(count);
        for (var i = 0; i < 1000; i++)
        {
            Add(i, i);
        }

        GC.Collect();
        var memoryBefore = Environment.WorkingSet;
        for (var i = 0; i < 1_000_000; i++)
        {
            using var gil = PythonGil.Acquire();
            var args = new PyArguments();
            try
            {
                args.Add(PyRef.FromObject(argument));
                using var result = echo.Invoke(ref args);
            }
            finally
            {
                args.Dispose();
            }
        }

        GC.Collect();
        var memoryGrowth = Environment.WorkingSet - memoryBefore;
        var refsAfter = Call.Invoke<PythonObject, ObjectConverter, long, Int64Converter>(refcount, argument);
        var objectsAfter = Call.Result<long, Int64Converter>(count);
        Assert.Equal(refsBefore, refsAfter);
        Assert.True(objectsAfter - objectsBefore < 1000, $"gc-tracked objects grew by {objectsAfter - objectsBefore}");
        Assert.True(memoryGrowth < 32L << 20, $"working set grew by {memoryGrowth} bytes");
    }
}
