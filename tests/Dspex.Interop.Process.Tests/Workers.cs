using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Interop.Process.Tests;

/// <summary>Starts real python3 workers with the test fixture modules on their path.</summary>
internal static class Workers
{
    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "python");

    public static ProcessWorkerOptions Options(params string[] modules)
    {
        var options = new ProcessWorkerOptions
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            HeartbeatTimeout = TimeSpan.FromMilliseconds(3000),
            CancelGracePeriod = TimeSpan.FromMilliseconds(1000),
            ShutdownGracePeriod = TimeSpan.FromMilliseconds(1000),
        };
        options.SearchPaths.Add(FixtureDirectory);
        foreach (var module in modules.Length == 0 ? ["dspex_fixture"] : modules)
        {
            options.Modules.Add(module);
        }

        return options;
    }

    public static IProcessWorker Start(PoolOptions? pool = null, ProcessWorkerOptions? options = null) =>
        new ProcessExecutorFactory(pool ?? new PoolOptions { Isolation = PoolIsolation.Process }, options ?? Options())
            .Start(new WorkerInfo("optimizer", 0, WorkerKind.Core));

    public static ProcessPythonModule Fixture(this IProcessWorker worker, CancellationToken cancellationToken = default) =>
        new(worker, "dspex_fixture", cancellationToken);

    public static bool IsAlive(int pid)
    {
        // A zombie is dead for our purposes: its stat state is 'Z'.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting until {what}.");
            }

            Thread.Sleep(20);
        }
    }
}
