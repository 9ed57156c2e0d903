using Dspex.Interop;
using Dspex.Interop.Process;
using Dspex.Scheduler;
using FsCheck.Xunit;

namespace Dspex.Chaos.Tests;

/// <summary>The ledger and checks flag what they exist to flag: a lost job, a duplicated attempt, a wrong outcome.</summary>
public sealed class LedgerTests
{
    private static JobRecord Record(int id = 0, JobKind kind = JobKind.OptimizerSleep) => new(id, kind, idempotent: true, TimeSpan.Zero, 10);

    [Property]
    public bool Attempts_are_contiguous_and_duplicates_counted_for_any_entry_order(byte[] raw)
    {
        var attempts = raw.Select(b => (b % 6) + 1).ToArray();
        var record = Record();
        Parallel.ForEach(attempts, record.OnEnter);
        var distinct = attempts.Distinct().ToArray();
        var max = distinct.Length == 0 ? 0 : distinct.Max();
        return record.Entries == attempts.Length
            && record.DuplicateAttempts == attempts.Length - distinct.Length
            && record.MaxAttempt == max
            && record.AttemptsContiguous == (distinct.Length == max);
    }

    [Fact]
    public void A_job_whose_task_never_completed_is_lost_and_fails_the_outcome_check()
    {
        var done = Record(0);
        done.OnEnter(1);
        done.OnBodyCompleted(0);
        done.OnTaskCompleted(Task.FromResult(0L));
        var run = Run(done, Record(1));
        Assert.Equal(1, ChaosChecks.Lost(run));
        Assert.False(ChaosChecks.Evaluate(run).Single(v => v.Name.StartsWith("every submitted job", StringComparison.Ordinal)).Passed);
    }

    [Fact]
    public void A_body_that_completed_twice_or_returned_another_jobs_id_is_duplicated()
    {
        var twice = Record(0);
        twice.OnBodyCompleted(0);
        twice.OnBodyCompleted(0);
        var misrouted = Record(1);
        misrouted.OnBodyCompleted(7);
        Assert.Equal(2, ChaosChecks.Duplicated(Run(twice, misrouted)));
    }

    [Fact]
    public void Task_faults_map_to_the_outcome_the_scheduler_counts()
    {
        Assert.Equal(JobOutcome.TimedOut, Outcome(new JobTimeoutException("p", "m", TimeSpan.FromSeconds(1))));
        Assert.Equal(JobOutcome.Failed, Outcome(new WorkerCrashedException("p", "gone")));
        Assert.Equal(JobOutcome.Cancelled, Outcome(new OperationCanceledException()));
        Assert.Equal(JobOutcome.Rejected, Outcome(new SchedulerStoppedException("p")));
        var raised = Record(kind: JobKind.OptimizerRaise);
        raised.OnTaskCompleted(Task.FromException<long>(new PythonProcessException("ValueError", "no", "tb", [])));
        Assert.True(ChaosChecks.HasExpectedOutcome(raised));
    }

    [Fact]
    public void An_in_process_raise_must_fail_with_the_chaos_python_type()
    {
        var right = Record(kind: JobKind.GeneralRaise);
        right.OnTaskCompleted(Task.FromException<long>(new PythonException(ChaosInProcessModule.ErrorType, "no", null, null)));
        Assert.True(ChaosChecks.HasExpectedOutcome(right));
        var wrongType = Record(kind: JobKind.GeneralRaise);
        wrongType.OnTaskCompleted(Task.FromException<long>(new PythonException("ValueError", "no", null, null)));
        Assert.False(ChaosChecks.HasExpectedOutcome(wrongType));
        var notPython = Record(kind: JobKind.GeneralRaise);
        notPython.OnTaskCompleted(Task.FromException<long>(new InvalidOperationException("no")));
        Assert.False(ChaosChecks.HasExpectedOutcome(notPython));
    }

    [Fact]
    public void A_cancel_target_may_be_interrupted_mid_call_but_not_enter_after_its_cancel_or_complete_its_body_when_cancelled()
    {
        var interrupted = Record(kind: JobKind.GeneralCancelled);
        interrupted.OnEnter(1);
        interrupted.MarkCancelling();
        interrupted.MarkCancelled();
        interrupted.OnTaskCompleted(Task.FromException<long>(new OperationCanceledException()));
        Assert.True(ChaosChecks.HasExpectedOutcome(interrupted));

        var enteredAfter = Record(kind: JobKind.GeneralCancelled);
        enteredAfter.MarkCancelling();
        enteredAfter.MarkCancelled();
        enteredAfter.OnEnter(1);
        enteredAfter.OnTaskCompleted(Task.FromException<long>(new OperationCanceledException()));
        Assert.False(ChaosChecks.HasExpectedOutcome(enteredAfter));

        var ranButCancelled = Record(kind: JobKind.GeneralCancelled);
        ranButCancelled.OnEnter(1);
        ranButCancelled.OnBodyCompleted(0);
        ranButCancelled.OnTaskCompleted(Task.FromException<long>(new OperationCanceledException()));
        Assert.False(ChaosChecks.HasExpectedOutcome(ranButCancelled));
        Assert.False(ChaosChecks.Evaluate(Run(interrupted, ranButCancelled)).Single(v => v.Name.StartsWith("no job ran after", StringComparison.Ordinal)).Passed);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Contains("--jobs", Assert.Throws<ArgumentException>(() => ChaosSettings.Parse(["--jobs", "5"])).Message, StringComparison.Ordinal);
        Assert.Contains("'--fast'", Assert.Throws<ArgumentException>(() => ChaosSettings.Parse(["--fast"])).Message, StringComparison.Ordinal);
        Assert.Equal(10_000, ChaosSettings.Parse(["--quick"]).Jobs);
    }

    private static JobOutcome? Outcome(Exception error)
    {
        var record = Record();
        record.OnTaskCompleted(Task.FromException<long>(error));
        return record.Outcome;
    }

    private static ChaosResult Run(params JobRecord[] jobs) => new(
        ChaosSettings.Quick,
        jobs,
        0,
        new Dictionary<string, PoolSnapshot>(),
        new WorkerRegistry(),
        new Dictionary<string, PoolShortfall>(),
        [],
        new MemoryPoint(0, 0),
        new MemoryPoint(0, 0),
        [],
        TimeSpan.Zero);
}
