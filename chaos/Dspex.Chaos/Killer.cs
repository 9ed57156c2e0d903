using System.Runtime.InteropServices;

namespace Dspex.Chaos;

/// <summary>
/// A thread that SIGKILLs a random live worker process of ours every few hundred milliseconds. It kills
/// only processes it finds in the registry that /proc confirms are live children of this process running
/// the worker script, and records each kill with the job that was in a call there.
/// </summary>
internal sealed partial class Killer(WorkerRegistry registry, ChaosSettings settings, Random random)
{
    private const int SIGKILL = 9;

    private readonly ManualResetEventSlim _stop = new();
    private Thread? _thread;

    public int Misses { get; private set; }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "chaos-killer" };
        _thread.Start();
    }

    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
    }

    private void Run()
    {
        var span = settings.KillIntervalMax - settings.KillIntervalMin;
        while (!_stop.Wait(settings.KillIntervalMin + (span * random.NextDouble())))
        {
            var candidates = registry.Processes.Where(p => !registry.IsKilled(p.Pid) && ProcScan.IsOurLiveWorker(p.Pid)).ToArray();
            if (candidates.Length == 0)
            {
                Misses++;
                continue;
            }

            var target = candidates[random.Next(candidates.Length)];
            var kill = registry.OnKilling(target, registry.RunningJob(target.Pid));
            if (Kill(target.Pid, SIGKILL) != 0)
            {
                registry.OnKillFailed(kill);
                Misses++;
                continue;
            }

            registry.OnKilled(kill);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
