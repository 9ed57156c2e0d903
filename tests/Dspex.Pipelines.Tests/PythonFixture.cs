using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

/// <summary>One scheduler with the three default pools on real Python process workers, shared by the Python tests.</summary>
public sealed class PythonFixture : IAsyncLifetime
{
    public DspexScheduler Scheduler { get; private set; } = null!;

    public PipelineRunner Runner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(5) };
        options.Pools[PoolNames.Optimizer] = new PoolOptions { Size = 1, MaxOverflow = 0, WorkerNice = 10 };
        options.Pools[PoolNames.Neural] = new PoolOptions { Size = 1, MaxOverflow = 0 };
        options.Pools[PoolNames.General] = new PoolOptions { Size = 2, MaxOverflow = 0 };
        var workers = ProcessPools.WorkerOptions();
        workers.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        workers.HeartbeatTimeout = TimeSpan.FromSeconds(10);
        Scheduler = new DspexScheduler(options, ProcessPools.Components(options, workers));
        await Scheduler.StartAsync();
        Runner = new PipelineRunner(Scheduler);
    }

    public async Task DisposeAsync()
    {
        Runner.Dispose();
        await Scheduler.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PythonWorkersGroup : ICollectionFixture<PythonFixture>
{
    public const string Name = "python workers";
}
