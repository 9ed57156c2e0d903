using Dspex.Interop;
using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

/// <summary>
/// The process's one embedded CPython, with a scheduler whose pools take the default isolation: the optimizer
/// on process workers, neural and general in the embedded interpreter. CPython starts once per process, so
/// every in-process test belongs to <see cref="EmbeddedPythonGroup"/>.
/// </summary>
public sealed class EmbeddedPythonFixture : IAsyncLifetime
{
    public PythonRuntime Runtime { get; private set; } = null!;

    public DspexScheduler Scheduler { get; private set; } = null!;

    public PipelineRunner Runner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(5) };
        options.Pools[PoolNames.Optimizer] = new PoolOptions { Size = 1, MaxOverflow = 0, Isolation = PoolIsolation.Process };
        options.Pools[PoolNames.Neural] = new PoolOptions { Size = 1, MaxOverflow = 0 };
        options.Pools[PoolNames.General] = new PoolOptions { Size = 2, MaxOverflow = 0 };
        Runtime = PythonPools.StartRuntime();
        Scheduler = new DspexScheduler(options, PythonPools.Components(options));
        await Scheduler.StartAsync();
        Runner = new PipelineRunner(Scheduler, new PipelineRunnerOptions { Bridge = PythonBridges.ByExecutor });
    }

    public async Task DisposeAsync()
    {
        Runner.Dispose();
        await Scheduler.DisposeAsync();
        Runtime.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedPythonGroup : ICollectionFixture<EmbeddedPythonFixture>
{
    public const string Name = "embedded python";
}
