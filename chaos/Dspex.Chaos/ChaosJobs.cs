using Dspex.Interop;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>Turns a ledger record into a scheduler job whose body reports every attempt, crash and result to the record.</summary>
internal sealed class ChaosJobs(WorkerRegistry registry)
{
    public const string PythonModule = "chaos_work";

    /// <summary>Run timeout of the hanging optimizer jobs.</summary>
    public static readonly TimeSpan OptimizerHangTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>Run timeout of the hanging general jobs.</summary>
    public static readonly TimeSpan GeneralHangTimeout = TimeSpan.FromMilliseconds(100);

    public Job<long> Create(JobRecord record)
    {
        var timeout = record.Kind switch
        {
            JobKind.OptimizerHang or JobKind.OptimizerStubbornHang => OptimizerHangTimeout,
            JobKind.GeneralHang => GeneralHangTimeout,
            _ => (TimeSpan?)null,
        };
        return new DelegateJob<long>(record.OnOptimizer ? "chaos.optimizer." + record.Kind : "chaos.general." + record.Kind, ctx => Run(record, ctx))
        {
            Pool = record.Pool,
            Idempotent = record.Idempotent,
            Timeout = timeout,
        };
    }

    private long Run(JobRecord record, JobContext context)
    {
        record.OnEnter(context.Attempt);
        var result = record.OnOptimizer ? RunPython(record, context) : RunGeneral(record, context);
        record.OnBodyCompleted(result);
        return result;
    }

    private long RunPython(JobRecord record, JobContext context)
    {
        var module = context.GetProcessModule(PythonModule);
        var pid = module.Worker.ProcessId;
        registry.OnCallStarting(pid, record.Id);

        // Known-dead before the call began: a crash now is not one of this job's own run.
        var killedBefore = registry.WasKilled(pid);
        try
        {
            return record.Kind switch
            {
                JobKind.OptimizerSleep => module.Call<long>("work", record.Id, record.Parameter),
                JobKind.OptimizerSpin => module.Call<long>("spin", record.Id, record.Parameter),
                JobKind.OptimizerRaise => module.Call<long>("fail", record.Id),
                JobKind.OptimizerHang => module.Call<long>("hang", record.Id),
                JobKind.OptimizerStubbornHang => module.Call<long>("hang_stubborn", record.Id),
                _ => throw new InvalidOperationException($"Job kind {record.Kind} does not run on the optimizer pool."),
            };
        }
        catch (WorkerCrashedException)
        {
            record.OnCrash(killedBefore);
            throw;
        }
        finally
        {
            registry.OnCallEnded(pid);
        }
    }

    /// <summary>Calls <c>chaos_inprocess.py</c> in the embedded interpreter on this worker's own thread state.</summary>
    private static long RunGeneral(JobRecord record, JobContext context)
    {
        var module = context.GetExecutor<InProcessExecutor>().Bind<IChaosInProcess>();
        record.OnInProcessEnter(context.Worker.Id);
        try
        {
            return record.Kind switch
            {
                JobKind.GeneralEcho or JobKind.GeneralCancelled => module.Echo(record.Id, record.Parameter, context.CancellationToken),
                JobKind.GeneralRaise => module.Fail(record.Id),
                JobKind.GeneralHang => module.Loop(record.Id, context.CancellationToken),
                _ => throw new InvalidOperationException($"Job kind {record.Kind} does not run on the general pool."),
            };
        }
        finally
        {
            record.OnInProcessExit();
        }
    }
}
