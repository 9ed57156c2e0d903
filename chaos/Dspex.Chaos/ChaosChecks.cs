using Dspex.Interop;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>The verdicts of a run: each property the chaos harness promises, checked against the ledger.</summary>
internal static class ChaosChecks
{
    /// <summary>Jobs that never reached an outcome.</summary>
    public static int Lost(ChaosResult run) => run.Jobs.Count(j => j.TaskCompletions == 0);

    /// <summary>Jobs that reached more than one outcome, ran an attempt twice, completed their body twice or got another job's answer.</summary>
    public static int Duplicated(ChaosResult run) =>
        run.Jobs.Count(j => j.TaskCompletions > 1 || j.DuplicateAttempts > 0 || j.BodyCompletions > 1 || j.WrongResults > 0);

    public static IReadOnlyList<CheckVerdict> Evaluate(ChaosResult run) =>
    [
        ExactlyOneOutcome(run),
        ExpectedOutcomes(run),
        InterpreterSurvivesInterrupts(run),
        IdempotentRetried(run),
        NonIdempotentFailed(run),
        NoCrashWithoutKill(run),
        NoFailureFromDeadIdleWorker(run),
        CancelledNeverStarted(run),
        BackToSize(run),
        NoPythonLeft(run),
        MemoryStable(run),
    ];

    private static CheckVerdict ExactlyOneOutcome(ChaosResult run)
    {
        var problems = new List<string>();
        var lost = Lost(run);
        var duplicated = Duplicated(run);
        if (run.PendingAfterDrain > 0 || lost > 0)
        {
            problems.Add($"{Math.Max(lost, run.PendingAfterDrain)} jobs have no outcome");
        }

        if (duplicated > 0)
        {
            problems.Add($"{duplicated} jobs duplicated");
        }

        foreach (var (pool, snapshot) in run.Snapshots)
        {
            var mine = run.Jobs.Where(j => j.Pool == pool).ToList();
            foreach (var outcome in Enum.GetValues<JobOutcome>())
            {
                var observed = mine.Count(j => j.Outcome == outcome);
                var counted = Count(snapshot, outcome);
                if (observed != counted)
                {
                    problems.Add($"{pool} {outcome}: callers saw {observed}, the pool counted {counted}");
                }
            }

            if (snapshot.Finished != mine.Count || snapshot.QueueDepth != 0 || snapshot.BusyWorkers != 0)
            {
                problems.Add($"{pool}: {mine.Count} submitted, {snapshot.Finished} finished, {snapshot.QueueDepth} queued, {snapshot.BusyWorkers} busy after shutdown");
            }
        }

        return new CheckVerdict(
            "every submitted job reached exactly one outcome",
            problems.Count == 0,
            problems.Count == 0
                ? $"{run.Jobs.Count} tasks completed once each; pool outcome counts equal the callers' ({string.Join("; ", run.Snapshots.Select(s => $"{s.Key} {s.Value.Finished}"))})"
                : string.Join("; ", problems.Take(8)));
    }

    private static CheckVerdict ExpectedOutcomes(ChaosResult run)
    {
        var wrong = run.Jobs.Where(j => j.Crashes == 0 && !HasExpectedOutcome(j)).ToList();
        return new CheckVerdict(
            "every job not hit by a kill reached the outcome its kind demands",
            wrong.Count == 0,
            wrong.Count == 0
                ? $"{run.Jobs.Count(j => j.Crashes == 0)} jobs: sleeps/spins/echoes completed with their own id, raises failed with the error raised, hangs timed out"
                : Describe(wrong));
    }

    private static CheckVerdict InterpreterSurvivesInterrupts(ChaosResult run)
    {
        var bound = ChaosJobs.GeneralHangTimeout + run.Settings.InterruptBound;
        var byWorker = run.Jobs
            .Where(j => !j.OnOptimizer && j.BodyEnteredAt != 0)
            .GroupBy(j => j.WorkerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(j => j.BodyEnteredAt).ToList());
        var hangs = run.Jobs.Where(j => j.Kind == JobKind.GeneralHang && j.BodyEnteredAt != 0).ToList();
        var problems = new List<string>();
        var slow = hangs.Where(j => j.BodyDuration is not { } d || d > bound).ToList();
        if (slow.Count > 0)
        {
            problems.Add($"{slow.Count} in-process loops were not interrupted within {bound.TotalMilliseconds:0} ms ({Describe(slow)})");
        }

        var followed = 0;
        var brokenAfter = new List<JobRecord>();
        foreach (var hang in hangs.Where(j => j.BodyExitedAt != 0))
        {
            var next = byWorker[hang.WorkerId].FirstOrDefault(j => j.BodyEnteredAt >= hang.BodyExitedAt);
            if (next is null)
            {
                continue;
            }

            followed++;
            if (!HasExpectedOutcome(next))
            {
                brokenAfter.Add(next);
            }
        }

        if (brokenAfter.Count > 0)
        {
            problems.Add($"{brokenAfter.Count} jobs run right after an interrupted loop on the same worker did not reach their outcome ({Describe(brokenAfter)})");
        }

        if (followed == 0)
        {
            problems.Add($"none of {hangs.Count} interrupted loops was followed by a job on its worker");
        }

        var durations = hangs.Where(j => j.BodyDuration is not null).Select(j => j.BodyDuration!.Value.TotalMilliseconds).Order().ToList();
        return new CheckVerdict(
            "in-process Python loops past their timeout are interrupted and the interpreter stays usable",
            problems.Count == 0,
            problems.Count == 0
                ? $"{hangs.Count} loops interrupted after {durations.FirstOrDefault():0}-{durations.LastOrDefault():0} ms (timeout {ChaosJobs.GeneralHangTimeout.TotalMilliseconds:0} ms, bound {bound.TotalMilliseconds:0} ms); the next job on the same worker reached its outcome after each of {followed}"
                : string.Join("; ", problems));
    }

    private static CheckVerdict IdempotentRetried(ChaosResult run)
    {
        var crashed = run.Jobs.Where(j => j.OnOptimizer && j.Idempotent && j.Crashes > 0).ToList();
        var retries = run.Settings.MaxCrashRetries;
        var wrong = crashed.Where(j =>
        {
            if (!j.AttemptsContiguous)
            {
                return true;
            }

            // Crashes beyond the retry budget end as WorkerCrashedException after MaxCrashRetries + 1 attempts.
            if (j.Crashes > retries)
            {
                return j.MaxAttempt != retries + 1 || !FailedWithCrash(j);
            }

            // A hang is timed out across its attempts: its retry may be cut short by its own deadline.
            if (IsHang(j.Kind))
            {
                return j.Outcome != JobOutcome.TimedOut;
            }

            return j.MaxAttempt != j.Crashes + 1 || !HasExpectedOutcome(j);
        }).ToList();
        var exhausted = crashed.Count(j => j.Crashes > retries);
        return new CheckVerdict(
            "every idempotent job killed mid-run was retried and completed",
            wrong.Count == 0,
            wrong.Count == 0
                ? $"{crashed.Count} idempotent jobs crashed ({crashed.Sum(j => j.Crashes)} crashes, {crashed.Sum(j => j.CrashesMidRun)} mid-call), each retried on a fresh worker to its own outcome; {exhausted} ran out of the {retries} retries and failed with WorkerCrashedException"
                : Describe(wrong));
    }

    private static CheckVerdict NonIdempotentFailed(ChaosResult run)
    {
        var crashed = run.Jobs.Where(j => j.OnOptimizer && !j.Idempotent && j.CrashesMidRun > 0).ToList();

        // A hang's deadline may pass while its crash is being handled: then it is reported as timed out.
        var wrong = crashed.Where(j => j.MaxAttempt != 1 || !(FailedWithCrash(j) || (IsHang(j.Kind) && j.Outcome == JobOutcome.TimedOut))).ToList();
        return new CheckVerdict(
            "every non-idempotent job killed mid-run failed with WorkerCrashedException",
            wrong.Count == 0,
            wrong.Count == 0
                ? $"{crashed.Count} non-idempotent jobs killed mid-call: not retried, {crashed.Count(FailedWithCrash)} failed with WorkerCrashedException, {crashed.Count(j => !FailedWithCrash(j))} hangs timed out first"
                : Describe(wrong));
    }

    private static CheckVerdict NoCrashWithoutKill(ChaosResult run)
    {
        var unexplained = run.Jobs.Where(j => FailedWithCrash(j) && j.Crashes == 0).ToList();
        var killedMidCall = run.Registry.Kills.Where(k => k.MidCall).ToList();
        var noticed = killedMidCall.Count(k => run.Jobs[k.JobAtKill].Crashes > 0);
        return new CheckVerdict(
            "no job failed with WorkerCrashedException unless its worker was killed",
            unexplained.Count == 0,
            unexplained.Count == 0
                ? $"{killedMidCall.Count} kills landed while a call ran; {noticed} of those jobs saw the crash (the rest had just returned)"
                : Describe(unexplained));
    }

    private static CheckVerdict NoFailureFromDeadIdleWorker(ChaosResult run)
    {
        var victims = run.Jobs.Where(j => j.OnOptimizer && !j.Idempotent && j.CrashesBeforeCall > 0 && j.CrashesMidRun == 0).ToList();
        // Not gating: a kill that lands between the worker's health check and the job's call is seen here as
        // "dead before the call" though the scheduler could not have known (DeadIdleWorkerTests is the exact check).
        return new CheckVerdict(
            "no non-idempotent job failed because its worker had died before the job began",
            victims.Count == 0,
            victims.Count == 0
                ? $"{run.Jobs.Count(j => j.CrashesBeforeCall > 0)} jobs met a worker killed while idle; none of them failed for it"
                : $"{victims.Count} non-idempotent jobs failed with WorkerCrashedException on a worker the killer had killed before their call began (a kill within the moment between the worker's health check and the call, or before .NET had reaped the process) ({Describe(victims)})",
            Gating: false);
    }

    private static CheckVerdict CancelledNeverStarted(ChaosResult run)
    {
        var targets = run.Jobs.Where(j => j.IsCancelTarget).ToList();
        var afterCancel = run.Jobs.Where(j => j.EnteredAfterCancel).ToList();
        // A target that had started before the cancel may be interrupted in Python (cancelled, body never returned).
        var cancelledButRan = targets.Where(j => j.Outcome == JobOutcome.Cancelled && j.Entries > 0 && j.BodyCompletions > 0).ToList();
        var interrupted = targets.Count(j => j.Outcome == JobOutcome.Cancelled && j.Entries > 0 && j.BodyCompletions == 0);
        var wronglyCancelled = run.Jobs.Where(j => !j.IsCancelTarget && j.Outcome == JobOutcome.Cancelled).ToList();
        var bad = afterCancel.Concat(cancelledButRan).Concat(wronglyCancelled).Distinct().ToList();
        var neverStarted = targets.Count(j => j.Entries == 0);
        return new CheckVerdict(
            "no job ran after its caller cancelled it",
            bad.Count == 0 && neverStarted > 0,
            bad.Count == 0
                ? $"{targets.Count} jobs cancelled right after submission: {neverStarted} were still queued and never started (outcome cancelled), {targets.Count - neverStarted - interrupted} had started before the cancel and completed, {interrupted} had started and were interrupted in Python by the cancel; none started after"
                : Describe(bad));
    }

    private static CheckVerdict BackToSize(ChaosResult run)
    {
        var bound = run.Settings.RecoveryBound;
        var problems = new List<string>();
        foreach (var (pool, shortfall) in run.Shortfall)
        {
            if (shortfall.LongestBelowSize > bound)
            {
                problems.Add($"{pool} had fewer than Size workers for {shortfall.LongestBelowSize.TotalMilliseconds:0} ms");
            }
        }

        // Mid-call kills are noticed by the running call; kills between calls by the parked worker, which
        // replaces its executor as soon as the process exits. Both must be replaced within the bound.
        var midCall = run.Registry.Recoveries.Where(r => r.Kill.MidCall).ToList();
        var idle = run.Registry.Recoveries.Where(r => !r.Kill.MidCall).ToList();
        foreach (var (what, recoveries) in new[] { ("mid-call", midCall), ("between-calls", idle) })
        {
            var slow = recoveries.Where(r => r.Elapsed > bound).ToList();
            if (slow.Count > 0)
            {
                problems.Add($"{slow.Count} {what} kills took longer than {bound.TotalMilliseconds:0} ms to replace (max {slow.Max(r => r.Elapsed.TotalMilliseconds):0} ms)");
            }
        }

        var unrecovered = run.Registry.Unrecovered.ToList();
        if (unrecovered.Count > 0)
        {
            problems.Add($"{unrecovered.Count(k => k.MidCall)} mid-call and {unrecovered.Count(k => !k.MidCall)} between-calls kills never got a replacement");
        }

        var shortfallText = string.Join("; ", run.Shortfall.Select(s => $"{s.Key} min {s.Value.MinWorkers} workers, {s.Value.SamplesBelowSize}/{s.Value.Samples} samples below Size"));
        return new CheckVerdict(
            $"each pool back to Size within {bound.TotalMilliseconds:0} ms of each kill",
            problems.Count == 0,
            problems.Count == 0
                ? $"TotalWorkers: {shortfallText}; {midCall.Count} mid-call kills replaced in max {Max(midCall):0} ms; {idle.Count} between-calls kills replaced in max {Max(idle):0} ms"
                : string.Join("; ", problems));
    }

    private static CheckVerdict NoPythonLeft(ChaosResult run) => new(
        "after shutdown no Python process of ours is alive",
        run.LiveWorkersAfterShutdown.Count == 0,
        run.LiveWorkersAfterShutdown.Count == 0
            ? $"{run.Registry.Starts} worker processes started, all gone (registry and /proc children scanned)"
            : $"still alive: {string.Join(", ", run.LiveWorkersAfterShutdown)}");

    private static CheckVerdict MemoryStable(ChaosResult run)
    {
        var heap = run.EndMemory.HeapBytes - run.WarmMemory.HeapBytes;
        var rss = run.EndMemory.ResidentBytes - run.WarmMemory.ResidentBytes;
        var ok = heap <= run.Settings.HeapGrowthBoundBytes && rss <= run.Settings.RssGrowthBoundBytes;
        var peak = run.Memory.Count == 0 ? 0 : run.Memory.Max(m => m.ResidentBytes);
        return new CheckVerdict(
            "host memory stable over the run",
            ok,
            $"after warm-up (25% of jobs) to the end: GC heap {Mib(run.WarmMemory.HeapBytes)} -> {Mib(run.EndMemory.HeapBytes)} MiB (bound +{Mib(run.Settings.HeapGrowthBoundBytes)}), RSS {Mib(run.WarmMemory.ResidentBytes)} -> {Mib(run.EndMemory.ResidentBytes)} MiB (bound +{Mib(run.Settings.RssGrowthBoundBytes)}), peak RSS {Mib(peak)} MiB over {run.Memory.Count} samples");
    }

    public static bool HasExpectedOutcome(JobRecord j) => j.Kind switch
    {
        JobKind.OptimizerSleep or JobKind.OptimizerSpin or JobKind.GeneralEcho => j.Outcome == JobOutcome.Completed && j.BodyCompletions == 1,
        JobKind.OptimizerRaise => j.Outcome == JobOutcome.Failed && j.ErrorType == typeof(PythonProcessException) && j.PythonErrorType == "ValueError",
        JobKind.GeneralRaise => j.Outcome == JobOutcome.Failed && j.ErrorType == typeof(PythonException) && j.PythonErrorType == ChaosInProcessModule.ErrorType,
        JobKind.OptimizerHang or JobKind.OptimizerStubbornHang or JobKind.GeneralHang => j.Outcome == JobOutcome.TimedOut && j.ErrorType == typeof(JobTimeoutException),
        JobKind.GeneralCancelled => (j.Outcome == JobOutcome.Cancelled && j.BodyCompletions == 0 && !j.EnteredAfterCancel) || (j.Outcome == JobOutcome.Completed && j.BodyCompletions == 1),
        _ => false,
    };

    private static bool FailedWithCrash(JobRecord j) => j.Outcome == JobOutcome.Failed && j.ErrorType == typeof(WorkerCrashedException);

    private static bool IsHang(JobKind kind) => kind is JobKind.OptimizerHang or JobKind.OptimizerStubbornHang;

    private static long Count(PoolSnapshot s, JobOutcome outcome) => outcome switch
    {
        JobOutcome.Completed => s.Completed,
        JobOutcome.Failed => s.Failed,
        JobOutcome.Cancelled => s.Cancelled,
        JobOutcome.TimedOut => s.TimedOut,
        _ => s.Rejected,
    };

    private static double Max(IReadOnlyCollection<Recovery> recoveries) => recoveries.Count == 0 ? 0 : recoveries.Max(r => r.Elapsed.TotalMilliseconds);

    private static long Mib(long bytes) => bytes >> 20;

    private static string Describe(IReadOnlyCollection<JobRecord> jobs) =>
        $"{jobs.Count} jobs, e.g. " + string.Join(
            "; ",
            jobs.Take(5).Select(j => $"#{j.Id} {j.Kind} idempotent={j.Idempotent} attempts={j.MaxAttempt} entries={j.Entries} crashes={j.CrashesMidRun}+{j.CrashesBeforeCall} outcome={j.Outcome?.ToString() ?? "none"} error={j.ErrorType?.Name ?? "-"}/{j.InnerErrorType?.Name ?? "-"}"));
}
