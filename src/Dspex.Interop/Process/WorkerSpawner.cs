using System.Collections.Concurrent;
using SysProcess = System.Diagnostics.Process;
using SysStartInfo = System.Diagnostics.ProcessStartInfo;

namespace Dspex.Interop.Process;

/// <summary>
/// Starts worker processes from one thread that lives as long as this process. Linux delivers
/// PR_SET_PDEATHSIG when the *thread* that forked the child exits, not the process; forking from a
/// scheduler worker thread that later stops would kill its still-running worker process.
/// </summary>
internal static class WorkerSpawner
{
    private static readonly BlockingCollection<(SysStartInfo Info, TaskCompletionSource<SysProcess> Done)> Requests = [];

    static WorkerSpawner()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "dspex-worker-spawner" };
        thread.Start();
    }

    public static SysProcess Start(SysStartInfo info)
    {
        var done = new TaskCompletionSource<SysProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, done));
        return done.Task.GetAwaiter().GetResult();
    }

    private static void Run()
    {
        foreach (var (info, done) in Requests.GetConsumingEnumerable())
        {
            try
            {
                done.SetResult(SysProcess.Start(info) ?? throw new InvalidOperationException($"Process.Start returned no process for {info.FileName}."));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }
    }
}
