using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dspex.Chaos;

/// <summary>
/// Every Python worker process this run started (pid, worker slot, when it became ready), which job is in
/// a call in each one, and every kill: the killer's targets and the recovery times it measures.
/// </summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<int, WorkerProcess> _processes = new();
    private readonly ConcurrentDictionary<int, int> _runningJob = new();
    private readonly ConcurrentDictionary<int, long> _killedAt = new();
    private readonly ConcurrentDictionary<int, KillEvent> _pendingByWorker = new();
    private readonly ConcurrentQueue<KillEvent> _kills = new();
    private readonly ConcurrentQueue<Recovery> _recoveries = new();
    private int _starts;

    public IReadOnlyCollection<WorkerProcess> Processes => [.. _processes.Values];

    public IReadOnlyCollection<KillEvent> Kills => [.. _kills];

    public IReadOnlyCollection<Recovery> Recoveries => [.. _recoveries];

    /// <summary>Kills whose worker slot has no replacement yet.</summary>
    public IReadOnlyCollection<KillEvent> Unrecovered => [.. _pendingByWorker.Values];

    public int Starts => Volatile.Read(ref _starts);

    /// <summary>A worker slot's new process is ready; closes the slot's pending kill, if any, as one recovery.</summary>
    public void OnReady(int workerId, int pid, long startedAt, long readyAt)
    {
        Interlocked.Increment(ref _starts);
        _processes[pid] = new WorkerProcess(pid, workerId, startedAt, readyAt);
        if (_pendingByWorker.TryRemove(workerId, out var kill))
        {
            _recoveries.Enqueue(new Recovery(kill, Stopwatch.GetElapsedTime(kill.At, readyAt), Stopwatch.GetElapsedTime(startedAt, readyAt)));
        }
    }

    public void OnCallStarting(int pid, int jobId) => _runningJob[pid] = jobId;

    public void OnCallEnded(int pid) => _runningJob.TryRemove(pid, out _);

    /// <summary>Whether the killer had already killed this process (and recorded it) when asked.</summary>
    public bool WasKilled(int pid) => _killedAt.ContainsKey(pid);

    /// <summary>
    /// Opens a kill just before the signal is sent (so a replacement can never be ready before its kill is
    /// known), with the job that is in a call in that process now.
    /// </summary>
    public KillEvent OnKilling(WorkerProcess target, int jobAtKill)
    {
        var kill = new KillEvent(target.Pid, target.WorkerId, Stopwatch.GetTimestamp(), jobAtKill);
        _pendingByWorker[target.WorkerId] = kill;
        return kill;
    }

    /// <summary>The signal was sent: from now on a call starting in that process knows it is dead.</summary>
    public void OnKilled(KillEvent kill)
    {
        _killedAt[kill.Pid] = Stopwatch.GetTimestamp();
        _kills.Enqueue(kill);
    }

    /// <summary>The signal could not be sent (the process was already gone).</summary>
    public void OnKillFailed(KillEvent kill) => _pendingByWorker.TryRemove(new KeyValuePair<int, KillEvent>(kill.WorkerId, kill));

    public int RunningJob(int pid) => _runningJob.TryGetValue(pid, out var job) ? job : -1;

    public bool IsKilled(int pid) => _killedAt.ContainsKey(pid);
}

/// <summary>One Python worker process of the optimizer pool.</summary>
internal sealed record WorkerProcess(int Pid, int WorkerId, long StartedAt, long ReadyAt);

/// <summary>One SIGKILL the killer sent; <paramref name="JobAtKill"/> is -1 when the process was between calls.</summary>
internal sealed record KillEvent(int Pid, int WorkerId, long At, int JobAtKill)
{
    public bool MidCall => JobAtKill >= 0;
}

/// <summary>From a kill to the ready replacement in the same worker slot; <paramref name="Start"/> is the new process's start alone.</summary>
internal sealed record Recovery(KillEvent Kill, TimeSpan Elapsed, TimeSpan Start);
