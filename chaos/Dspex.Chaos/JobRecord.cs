using System.Diagnostics;
using Dspex.Interop;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>
/// The ledger of one submitted job: what it was asked to do, and everything observed about it — each
/// attempt that entered its body, each crash it saw, its caller's cancellation, and its one outcome.
/// Counters are written with interlocked operations: a duplicated job would write them from two threads.
/// </summary>
internal sealed class JobRecord
{
    private int _attemptMask;
    private int _entries;
    private int _duplicateAttempts;
    private int _bodyCompletions;
    private int _crashesMidRun;
    private int _crashesBeforeCall;
    private int _wrongResults;
    private int _cancelState;
    private int _enteredAfterCancel;
    private int _taskCompletions;

    public JobRecord(int id, JobKind kind, bool idempotent, TimeSpan submitAt, int parameter)
    {
        Id = id;
        Kind = kind;
        Idempotent = idempotent;
        SubmitAt = submitAt;
        Parameter = parameter;
    }

    public int Id { get; }

    public JobKind Kind { get; }

    public bool Idempotent { get; }

    /// <summary>When, from the start of the run, the job is submitted.</summary>
    public TimeSpan SubmitAt { get; }

    /// <summary>Sleep or spin length (ms for Python, µs for C#), depending on the kind.</summary>
    public int Parameter { get; }

    public bool OnOptimizer => Kind <= JobKind.OptimizerStubbornHang;

    public string Pool => OnOptimizer ? PoolNames.Optimizer : PoolNames.General;

    public bool IsCancelTarget => Kind == JobKind.GeneralCancelled;

    public int Entries => Volatile.Read(ref _entries);

    public int DuplicateAttempts => Volatile.Read(ref _duplicateAttempts);

    public int BodyCompletions => Volatile.Read(ref _bodyCompletions);

    public int CrashesMidRun => Volatile.Read(ref _crashesMidRun);

    public int CrashesBeforeCall => Volatile.Read(ref _crashesBeforeCall);

    public int Crashes => CrashesMidRun + CrashesBeforeCall;

    public int WrongResults => Volatile.Read(ref _wrongResults);

    public bool EnteredAfterCancel => Volatile.Read(ref _enteredAfterCancel) != 0;

    public int TaskCompletions => Volatile.Read(ref _taskCompletions);

    /// <summary>The highest attempt number that entered the body (0: never entered).</summary>
    public int MaxAttempt => 32 - int.LeadingZeroCount(Volatile.Read(ref _attemptMask));

    /// <summary>Whether the attempts that entered were exactly 1..MaxAttempt.</summary>
    public bool AttemptsContiguous => Volatile.Read(ref _attemptMask) == (1 << MaxAttempt) - 1;

    public JobOutcome? Outcome { get; private set; }

    /// <summary>The outcome's exception type (and, for a timeout, its inner type), for the checks.</summary>
    public Type? ErrorType { get; private set; }

    public Type? InnerErrorType { get; private set; }

    public string? PythonErrorType { get; private set; }

    /// <summary>The in-process worker that ran the (general) job's body, or -1.</summary>
    public int WorkerId { get; private set; } = -1;

    /// <summary>Stopwatch timestamps of the in-process body's entry and exit (0: not reached).</summary>
    public long BodyEnteredAt { get; private set; }

    public long BodyExitedAt { get; private set; }

    /// <summary>How long the in-process body ran, or null when it never ended.</summary>
    public TimeSpan? BodyDuration => BodyExitedAt == 0 ? null : Stopwatch.GetElapsedTime(BodyEnteredAt, BodyExitedAt);

    public void OnInProcessEnter(int workerId)
    {
        WorkerId = workerId;
        BodyEnteredAt = Stopwatch.GetTimestamp();
    }

    public void OnInProcessExit() => BodyExitedAt = Stopwatch.GetTimestamp();

    public void OnEnter(int attempt)
    {
        Interlocked.Increment(ref _entries);
        var bit = attempt is >= 1 and <= 30 ? 1 << (attempt - 1) : 1 << 30;
        if ((Interlocked.Or(ref _attemptMask, bit) & bit) != 0)
        {
            Interlocked.Increment(ref _duplicateAttempts);
        }

        if (Volatile.Read(ref _cancelState) == 2)
        {
            Volatile.Write(ref _enteredAfterCancel, 1);
        }
    }

    public void OnBodyCompleted(long result)
    {
        Interlocked.Increment(ref _bodyCompletions);
        if (result != Id)
        {
            Interlocked.Increment(ref _wrongResults);
        }
    }

    /// <summary>A call failed with <see cref="WorkerCrashedException"/>; <paramref name="beforeCall"/> when the process was killed before the call began.</summary>
    public void OnCrash(bool beforeCall) => Interlocked.Increment(ref beforeCall ? ref _crashesBeforeCall : ref _crashesMidRun);

    /// <summary>Marks the caller's cancellation: 1 while <c>Cancel()</c> runs, 2 once it has returned.</summary>
    public void MarkCancelling() => Volatile.Write(ref _cancelState, 1);

    public void MarkCancelled() => Volatile.Write(ref _cancelState, 2);

    public void OnTaskCompleted(Task<long> task)
    {
        Interlocked.Increment(ref _taskCompletions);
        if (task.IsCompletedSuccessfully)
        {
            Outcome = JobOutcome.Completed;
            return;
        }

        var error = task.IsCanceled ? new OperationCanceledException() : task.Exception!.InnerException!;
        ErrorType = error.GetType();
        InnerErrorType = error.InnerException?.GetType();
        PythonErrorType = error switch
        {
            PythonProcessException e => e.PythonType,
            PythonException e => e.PythonType,
            _ => null,
        };
        Outcome = error switch
        {
            OperationCanceledException => JobOutcome.Cancelled,
            JobTimeoutException or QueueTimeoutException => JobOutcome.TimedOut,
            PoolSaturatedException or SchedulerStoppedException => JobOutcome.Rejected,
            _ => JobOutcome.Failed,
        };
    }
}
