using BenchmarkDotNet.Attributes;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Perf.Process;

/// <summary>
/// A small call (<c>operator.add(1, 2)</c>) to a Python process: the Dspex process worker against the
/// naive baseline run beside it (4-byte length + JSON over stdin/stdout, Python's json module, one thread),
/// and the same worker with busy-polling off, to show what polling buys.
/// </summary>
[MemoryDiagnoser]
public class RoundTripBenchmarks
{
    private IProcessWorker _worker = null!;
    private IProcessWorker _blockingWorker = null!;
    private JsonPipeClient _jsonPipe = null!;
    private object?[] _args = null!;

    [GlobalSetup]
    public void Setup()
    {
        var python = Environment.GetEnvironmentVariable("DSPEX_PYTHON") is { Length: > 0 } p ? p : "python3";
        var options = new ProcessWorkerOptions { PythonExecutable = python };
        options.Modules.Add("operator");
        _worker = new ProcessExecutorFactory(new PoolOptions { Isolation = PoolIsolation.Process }, options)
            .Start(new WorkerInfo(PoolNames.Optimizer, 0, WorkerKind.Core));
        options.BusyPoll = TimeSpan.Zero;
        _blockingWorker = new ProcessExecutorFactory(new PoolOptions { Isolation = PoolIsolation.Process }, options)
            .Start(new WorkerInfo(PoolNames.Optimizer, 1, WorkerKind.Core));
        _jsonPipe = new JsonPipeClient(python, Path.Combine(AppContext.BaseDirectory, "Process", "jsonpipe_baseline.py"));
        _args = [1L, 2L];
        if ((long)_worker.Invoke("operator", "add", _args, null, default)! != 3
            || (long)_blockingWorker.Invoke("operator", "add", _args, null, default)! != 3
            || _jsonPipe.Call("operator", "add", 1, 2).GetInt64() != 3)
        {
            throw new InvalidOperationException("A round trip returned the wrong sum.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _worker.Dispose();
        _blockingWorker.Dispose();
        _jsonPipe.Dispose();
    }

    /// <summary>The naive baseline.</summary>
    /// <returns>The sum.</returns>
    [Benchmark(Baseline = true)]
    public long JsonPipe() => _jsonPipe.Call("operator", "add", 1, 2).GetInt64();

    /// <summary>The Dspex process worker.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public long Roundtrip() => (long)_worker.Invoke("operator", "add", _args, null, default)!;

    /// <summary>The Dspex process worker with <see cref="ProcessWorkerOptions.BusyPoll"/> zero: both ends block at once.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public long RoundtripNoPoll() => (long)_blockingWorker.Invoke("operator", "add", _args, null, default)!;
}
