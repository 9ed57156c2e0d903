using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dspex.Scheduler.Tests;

public sealed class SchedulerProperties
{
    private sealed record Spec(int Priority, int SpinMicros, bool Fails, int CancelAfter);

    private sealed class ProbeJob(string module, Spec spec, PoolProbe probe) : Job<int>(module)
    {
        public int Executions;

        public Spec Spec { get; } = spec;

        public override int Execute(JobContext context)
        {
            Interlocked.Increment(ref Executions);
            probe.Enter();
            try
            {
                var until = System.Diagnostics.Stopwatch.GetTimestamp() + (Spec.SpinMicros * System.Diagnostics.Stopwatch.Frequency / 1_000_000);
                while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                }

                return Spec.Fails ? throw new InvalidDataException("planned failure") : Spec.SpinMicros;
            }
            finally
            {
                probe.Exit();
            }
        }
    }

    private sealed class PoolProbe(Func<int> queued)
    {
        private int _running;

        public int MaxRunning;

        public int MaxQueued;

        public void Enter()
        {
            var now = Interlocked.Increment(ref _running);
            Max(ref MaxRunning, now);
            Max(ref MaxQueued, queued());
        }

        public void Exit() => Interlocked.Decrement(ref _running);

        private static void Max(ref int field, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref field)) < value && Interlocked.CompareExchange(ref field, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>
    /// Random pools and job mixes (priorities, durations, failures, cancellations), submitted by two producers:
    /// busy workers never exceed Size + MaxOverflow, queued jobs never exceed the capacity, every submission
    /// reaches exactly one outcome, no job runs twice, a completed job ran exactly once, and after
    /// shutdown nothing is pending.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property Every_submission_reaches_exactly_one_outcome_within_the_pool_limits()
    {
        var specGen =
            from priority in Gen.Choose(0, 2)
            from spin in Gen.Choose(0, 300)
            from fails in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
            from cancel in Gen.Frequency((1, Gen.Choose(0, 2)), (5, Gen.Constant(-1)))
            select new Spec(priority, spin, fails, cancel);
        var gen =
            from size in Gen.Choose(1, 3)
            from overflow in Gen.Choose(0, 2)
            from capacity in Gen.Choose(1, 64)
            from reject in Gen.Elements(true, false)
            from n in Gen.Choose(1, 150)
            from specs in Gen.ListOf(specGen, n)
            select (size, overflow, capacity, reject, specs);

        return Prop.ForAll(gen.ToArbitrary(), t => RunMix(t.size, t.overflow, t.capacity, t.reject, [.. t.specs]).GetAwaiter().GetResult());
    }

    private static async Task<Property> RunMix(int size, int overflow, int capacity, bool reject, Spec[] specs)
    {
        var options = TestSupport.Options(("general", size, overflow));
        var pool = options.Pools["general"];
        pool.QueueCapacity = capacity;
        pool.FullMode = reject ? PoolFullMode.Reject : PoolFullMode.Wait;
        pool.QueueTimeout = Timeout.InfiniteTimeSpan;
        var scheduler = await TestSupport.StartAsync(options);
        var probe = new PoolProbe(() => scheduler.GetPool("general").QueuedCount);
        var jobs = specs.Select(s => new ProbeJob("m", s, probe) { Priority = s.Priority }).ToArray();
        var tokens = specs.Select(_ => new CancellationTokenSource()).ToArray();
        var tasks = new Task<int>[jobs.Length];
        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
        {
            for (var i = p; i < jobs.Length; i += 2)
            {
                tasks[i] = scheduler.SubmitAsync(jobs[i], tokens[i].Token).AsTask();
                if (specs[i].CancelAfter == 0)
                {
                    tokens[i].Cancel();
                }
            }
        })).ToArray();
        await Task.WhenAll(producers);
        for (var i = 0; i < jobs.Length; i++)
        {
            if (specs[i].CancelAfter > 0)
            {
                tokens[i].CancelAfter(specs[i].CancelAfter);
            }
        }

        var all = Task.WhenAll(tasks);
        var settled = await Task.WhenAny(all, Task.Delay(TestSupport.Patience)) == all || tasks.All(x => x.IsCompleted);
        await scheduler.StopAsync();
        var snapshot = scheduler.GetSnapshot("general");

        var problems = new List<string>();
        if (!settled || !tasks.All(x => x.IsCompleted))
        {
            problems.Add($"{tasks.Count(x => !x.IsCompleted)} submissions never completed");
        }

        if (probe.MaxRunning > size + overflow)
        {
            problems.Add($"{probe.MaxRunning} jobs ran at once, more than Size + MaxOverflow = {size + overflow}");
        }

        if (probe.MaxQueued > capacity)
        {
            problems.Add($"{probe.MaxQueued} jobs queued, more than the capacity {capacity}");
        }

        if (snapshot.Finished != jobs.Length)
        {
            problems.Add($"{snapshot.Finished} outcomes for {jobs.Length} submissions");
        }

        for (var i = 0; i < jobs.Length; i++)
        {
            var task = tasks[i];
            if (jobs[i].Executions > 1)
            {
                problems.Add($"job {i} ran {jobs[i].Executions} times");
            }

            if (task.IsCompletedSuccessfully && (jobs[i].Executions != 1 || specs[i].Fails))
            {
                problems.Add($"job {i} completed without running exactly once");
            }
        }

        var expectedCompleted = tasks.Count(x => x.IsCompletedSuccessfully);
        if (snapshot.Completed != expectedCompleted)
        {
            problems.Add($"snapshot says {snapshot.Completed} completed, tasks say {expectedCompleted}");
        }

        foreach (var cts in tokens)
        {
            cts.Dispose();
        }

        return (problems.Count == 0).Label(string.Join("; ", problems));
    }

    [Property(MaxTest = 200)]
    public Property Routing_is_total_deterministic_and_an_explicit_pool_wins()
    {
        var segment = Gen.Elements("dspy", "teleprompt", "MIPROv2", "COPRO", "colbert", "Searcher", "Predict", "HashEmbedder", "optimizers", "Retrieve", "x", "Rerank", "ChainOfThought", "GEPA");
        var gen =
            from n in Gen.Choose(1, 4)
            from parts in Gen.ListOf(segment, n)
            from category in Gen.Elements<string?>(null, "optimizer", "neural", "general", "other")
            from pool in Gen.Elements<string?>(null, "optimizer", "neural", "general")
            select (module: string.Join('.', parts), category, pool);
        var first = new DspexScheduler(new DspexOptions());
        var second = new DspexScheduler(new DspexOptions());
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var routed = first.Route(t.module, t.category, t.pool);
            var again = first.Route(t.module, t.category, t.pool);
            var elsewhere = second.Route(t.module, t.category, t.pool);
            return (first.Pools.Contains(routed) && routed == again && routed == elsewhere && (t.pool is null || routed == t.pool))
                .Label($"{t.module} [{t.category}] explicit={t.pool} → {routed}/{again}/{elsewhere}");
        });
    }
}
