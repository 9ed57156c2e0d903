using System.Diagnostics;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Interop.Tests;

/// <summary>
/// Issue 4's loose isolation check: CPU-bound Python in the optimizer's process workers does not hold this
/// interpreter's GIL, so short in-process calls on the general pool keep roughly their idle latency. Loose on
/// purpose (shared 2-core machines); the figures themselves live in `perf -- process`.
/// </summary>
[Collection(EmbeddedPython.Name)]
public sealed class IsolationTests(PythonFixture python)
{
    [Fact]
    public async Task Short_in_process_calls_keep_their_latency_while_process_workers_run_cpu_bound_python()
    {
        var folder = Directory.CreateTempSubdirectory("dspex-isolation-");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "isolation_spin.py"), """
            import time

            def spin(seconds: float) -> int:
                end = time.perf_counter() + seconds
                n = 0
                while time.perf_counter() < end:
                    n += 1
                return n
            """);
        var options = new DspexOptions();
        options.Pools.Clear();
        options.Pools["general"] = new PoolOptions { Size = 1, MaxOverflow = 0, Isolation = PoolIsolation.InProcess };
        options.Pools["optimizer"] = new PoolOptions { Size = 2, MaxOverflow = 0, Isolation = PoolIsolation.Process, WorkerNice = 10, WorkerSchedulingPolicy = WorkerSchedulingPolicy.Batch };
        options.Routing.Rules = [];
        var workers = new ProcessWorkerOptions
        {
            PythonExecutable = Environment.GetEnvironmentVariable("DSPEX_PYTHON") is { Length: > 0 } p ? p : null,
        };
        workers.Modules.Add("isolation_spin");
        workers.SearchPaths.Add(folder.FullName);
        var components = new SchedulerComponents();
        components.Executors["general"] = new InProcessExecutorFactory(python.Runtime);
        components.Executors["optimizer"] = new ProcessExecutorFactory(options.Pools["optimizer"], workers);
        await using var scheduler = new DspexScheduler(options, components);
        await scheduler.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

        using var add = python.Function("add");
        var probe = new DelegateJob<long>("dspy.Predict", _ =>
        {
            using var gil = PythonGil.Acquire();
            var args = new PyArguments();
            try
            {
                args.Add(PyRef.FromInt64(2));
                args.Add(PyRef.FromInt64(3));
                using var result = add.Invoke(ref args);
                return result.ToInt64();
            }
            finally
            {
                args.Dispose();
            }
        });

        async Task<double> P99Async(int calls)
        {
            var samples = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                Assert.Equal(5, await scheduler.SubmitAsync(probe).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                await Task.Delay(2);
            }

            Array.Sort(samples);
            return samples[(int)(calls * 0.99) - 1];
        }

        var idle = await P99Async(200);
        using var stop = new CancellationTokenSource();
        var spin = new DelegateJob<long>("dspy.teleprompt.MIPROv2", ctx => ctx.GetProcessModule("isolation_spin").Call<long>("spin", 0.05)) { Pool = "optimizer" };
        var flood = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await scheduler.SubmitAsync(spin);
            }
        })).ToArray();
        await Task.Delay(200); // the flood is running
        var loaded = await P99Async(200);
        await stop.CancelAsync();
        await Task.WhenAll(flood).WaitAsync(TimeSpan.FromSeconds(30));
        folder.Delete(recursive: true);

        Assert.True(loaded < Math.Max(10 * idle, 50), $"general p99 {loaded:0.00} ms under the flood vs {idle:0.00} ms idle");
    }
}
