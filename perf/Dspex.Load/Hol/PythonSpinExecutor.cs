using System.Diagnostics;
using System.Globalization;
using Dspex.Scheduler;

namespace Dspex.Load;

/// <summary>
/// One Python process per optimizer worker that busy-loops on request, driven over stdin/stdout pipes. Its
/// CPU work runs in its own OS process (its own GIL), at the pool's <see cref="PoolOptions.WorkerNice"/> and
/// scheduling policy, which is what process isolation gives the optimizer pool.
/// </summary>
internal sealed class PythonSpinExecutor : IJobExecutor
{
    private const string Script = """
        import sys, time
        for line in sys.stdin:
            end = time.perf_counter() + float(line) / 1000.0
            while time.perf_counter() < end:
                pass
            sys.stdout.write("ok\n")
            sys.stdout.flush()
        """;

    private readonly Process _process;

    public PythonSpinExecutor(string python, PoolOptions pool)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var command = new List<string>();
        if (pool.WorkerNice != 0)
        {
            command.AddRange(["nice", "-n", pool.WorkerNice.ToString(CultureInfo.InvariantCulture)]);
        }

        if (pool.WorkerSchedulingPolicy == WorkerSchedulingPolicy.Batch && File.Exists("/usr/bin/chrt"))
        {
            command.AddRange(["/usr/bin/chrt", "--batch", "0"]);
        }

        command.AddRange([python, "-u", "-c", Script]);
        start.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{python}' for an optimizer worker.");
    }

    public bool IsHealthy => !_process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>Spins in the worker process; blocks this worker thread on the pipe meanwhile (no CPU here).</summary>
    public void Spin(TimeSpan duration)
    {
        _process.StandardInput.WriteLine(duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture));
        _process.StandardInput.Flush();
        var reply = _process.StandardOutput.ReadLine();
        if (reply != "ok")
        {
            throw new WorkerCrashedException(PoolNames.Optimizer, $"Python spin worker {_process.Id} answered '{reply ?? "<end of stream>"}'.");
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(2000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
