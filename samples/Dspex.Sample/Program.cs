using System.Diagnostics;
using Dspex.Scheduler;

// Routes a mixed workload — long optimizer runs, neural lookups, short general queries — and prints what
// each pool did. The optimizer pool is flooded with jobs far longer than the general ones, yet general
// queries finish at their own speed because they never share a queue or a worker with the optimizer.
var options = new DspexOptions();
foreach (var pool in options.Pools.Values)
{
    pool.Isolation = PoolIsolation.InProcess; // this sample runs plain C# work; no Python is needed
}

await using var scheduler = new DspexScheduler(options);
await scheduler.StartAsync();

var optimizerRun = TimeSpan.FromMilliseconds(args.Length > 0 && int.TryParse(args[0], out var ms) ? ms : 400);
var modules = new (string Module, TimeSpan Work, int Count)[]
{
    ("dspy.teleprompt.MIPROv2", optimizerRun, 12),
    ("dspy.teleprompt.BootstrapFewShot", optimizerRun, 12),
    ("colbert.Searcher", TimeSpan.FromMilliseconds(20), 200),
    ("dspex.examples.HashEmbedder", TimeSpan.FromMilliseconds(5), 200),
    ("dspy.Predict", TimeSpan.FromMilliseconds(2), 2000),
    ("dspy.ChainOfThought", TimeSpan.FromMilliseconds(3), 1000),
};

var latencies = new Dictionary<string, List<double>>();
var tasks = new List<Task>();
var clock = Stopwatch.StartNew();
foreach (var (module, work, count) in modules)
{
    var pool = scheduler.Route(module);
    var job = new DelegateJob<int>(module, ctx =>
    {
        ctx.CancellationToken.WaitHandle.WaitOne(work); // stands in for the module's work
        return ctx.Worker.Id;
    });
    lock (latencies)
    {
        latencies.TryAdd(pool, []);
    }

    for (var i = 0; i < count; i++)
    {
        tasks.Add(Measure(pool, job));
    }
}

async Task Measure(string pool, Job<int> job)
{
    var start = Stopwatch.GetTimestamp();
    await scheduler.SubmitAsync(job);
    var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    lock (latencies)
    {
        latencies[pool].Add(elapsed);
    }
}

await Task.WhenAll(tasks);
Console.WriteLine($"Routed {tasks.Count} jobs in {clock.Elapsed.TotalSeconds:0.00} s");
Console.WriteLine($"{"pool",-10} {"jobs",6} {"workers",8} {"p50 ms",9} {"p99 ms",9} {"max ms",9}  outcomes");
foreach (var name in scheduler.Pools.Order())
{
    var snapshot = scheduler.GetSnapshot(name);
    var sorted = latencies.GetValueOrDefault(name, []).Order().ToArray();
    double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    Console.WriteLine(
        $"{name,-10} {sorted.Length,6} {snapshot.Size + "+" + snapshot.MaxOverflow,8} {Percentile(0.50),9:0.0} {Percentile(0.99),9:0.0} {(sorted.Length == 0 ? 0 : sorted[^1]),9:0.0}  " +
        $"completed={snapshot.Completed} failed={snapshot.Failed} cancelled={snapshot.Cancelled} timed-out={snapshot.TimedOut} rejected={snapshot.Rejected}");
}
