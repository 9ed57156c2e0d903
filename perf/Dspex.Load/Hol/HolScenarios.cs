using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Load;

/// <summary>The head-of-line workload against one scheduler: general and neural queries on a clock, an optimizer flood.</summary>
internal static class HolScenarios
{
    public const string General = "general";
    public const string Neural = "neural";
    public const string Optimizer = "optimizer-flood";

    public static IReadOnlyList<Scenario> Create(DspexScheduler scheduler, HolSettings settings)
    {
        var general = new DelegateJob<int>("dspy.Predict", ctx => SpinWork.Spin(settings.GeneralWork, ctx.CancellationToken));
        var neural = new DelegateJob<int>("colbert.Searcher", ctx => SpinWork.Spin(settings.NeuralWork, ctx.CancellationToken));
        var optimizer = new DelegateJob<int>("dspy.teleprompt.MIPROv2", ctx =>
        {
            if (ctx.Executor is IProcessWorker)
            {
                ctx.GetProcessModule(OptimizerProcessWorkers.Module).Invoke("spin", settings.OptimizerWork.TotalMilliseconds);
                return 1;
            }

            return SpinWork.Spin(settings.OptimizerWork, ctx.CancellationToken);
        });

        var every = TimeSpan.FromSeconds(1);
        return
        [
            new Scenario(General, Submit(scheduler, general))
            {
                WarmUp = settings.WarmUp,
                Simulations = [new LoadSimulation.Inject(settings.GeneralRate, every, settings.Measure)],
                Thresholds = [Threshold.Parse("fail% < 1")],
            },
            new Scenario(Neural, Submit(scheduler, neural))
            {
                WarmUp = settings.WarmUp,
                Simulations = [new LoadSimulation.Inject(settings.NeuralRate, every, settings.Measure)],
                Thresholds = [Threshold.Parse("fail% < 1")],
            },
            new Scenario(Optimizer, Submit(scheduler, optimizer))
            {
                // More callers than the optimizer pool has workers: its queue is never empty.
                WarmUp = settings.WarmUp,
                Simulations = [new LoadSimulation.KeepConstant(settings.FloodCopies, settings.Measure)],
                CancelInFlightAtEnd = true,
            },
        ];
    }

    /// <summary>A step that submits <paramref name="job"/> and reports the pool the scheduler routed it to.</summary>
    public static Func<StepContext, ValueTask<StepResult>> Submit<T>(DspexScheduler scheduler, Job<T> job)
    {
        var pool = scheduler.Route(job.Module, job.Category, job.Pool);
        return async context =>
        {
            try
            {
                await scheduler.SubmitAsync(job, context.CancellationToken).ConfigureAwait(false);
                return StepResult.Ok(pool);
            }
            catch (DspexException ex)
            {
                return StepResult.Fail(ex.GetType().Name, pool);
            }
        };
    }
}
