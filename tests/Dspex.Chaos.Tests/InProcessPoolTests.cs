using Dspex.Interop;
using Dspex.Scheduler;

namespace Dspex.Chaos.Tests;

/// <summary>
/// The chaos run's general pool in miniature: one in-process worker on the embedded interpreter runs the
/// chaos jobs' real bodies. The only class of this assembly that starts the runtime (once per process).
/// </summary>
public sealed class InProcessPoolTests
{
    [Fact]
    public async Task Raise_then_an_interrupted_loop_then_echo_on_the_same_worker_reach_their_outcomes()
    {
        ChaosInProcessModule.Register();
        using var runtime = PythonRuntime.Start(new PythonRuntimeOptions { SearchPaths = [Path.Combine(AppContext.BaseDirectory, "python")] });
        var options = new DspexOptions();
        var general = options.Pools[PoolNames.General];
        general.Size = 1;
        general.MaxOverflow = 0;
        var components = new SchedulerComponents();
        components.Executors[PoolNames.General] = new InProcessExecutorFactory(runtime).Preload<IChaosInProcess>();
        var jobs = new ChaosJobs(new WorkerRegistry());
        var records = new[]
        {
            new JobRecord(0, JobKind.GeneralRaise, idempotent: false, TimeSpan.Zero, 0),
            new JobRecord(1, JobKind.GeneralHang, idempotent: false, TimeSpan.Zero, 0),
            new JobRecord(2, JobKind.GeneralHang, idempotent: true, TimeSpan.Zero, 0),
            new JobRecord(3, JobKind.GeneralEcho, idempotent: false, TimeSpan.Zero, 500),
        };

        await using (var scheduler = new DspexScheduler(options, components))
        {
            await scheduler.StartAsync();
            foreach (var record in records)
            {
                // One at a time on the one worker, so each job runs right after the one before it.
                var task = scheduler.SubmitAsync(jobs.Create(record)).AsTask();
                await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30)));
                Assert.True(task.IsCompleted, $"job {record.Id} ({record.Kind}) did not end within 30 s");
                record.OnTaskCompleted(task);
            }
        }

        Assert.All(records, r => Assert.True(ChaosChecks.HasExpectedOutcome(r), $"job {r.Id} {r.Kind}: {r.Outcome} {r.ErrorType?.Name} {r.PythonErrorType}"));
        Assert.Equal(ChaosInProcessModule.ErrorType, records[0].PythonErrorType);
        Assert.All(records[1..3], r => Assert.InRange(r.BodyDuration!.Value, ChaosJobs.GeneralHangTimeout * 0.9, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, records[3].BodyCompletions);
    }
}
