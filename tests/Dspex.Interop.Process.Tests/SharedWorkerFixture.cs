namespace Dspex.Interop.Process.Tests;

/// <summary>One worker process shared by the tests of a class that do not crash it.</summary>
public sealed class SharedWorkerFixture : IDisposable
{
    private readonly Lock _gate = new();

    public SharedWorkerFixture() => Worker = Workers.Start();

    internal IProcessWorker Worker { get; }

    /// <summary>Runs <paramref name="action"/> with the worker held exclusively (a worker serves one caller at a time).</summary>
    internal T With<T>(Func<ProcessPythonModule, T> action)
    {
        lock (_gate)
        {
            return action(Worker.Fixture());
        }
    }

    public void Dispose() => Worker.Dispose();
}
