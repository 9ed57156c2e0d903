using Dspex.Interop;
using Dspex.Scheduler;

namespace Dspex.Interop.Tests;

/// <summary>A hand-bound module standing where generated code would: it calls real Python.</summary>
public interface IFixtureAdd
{
    long Add(long a, long b);
}

internal sealed class FixtureAddInProcess : IFixtureAdd, IDisposable
{
    private readonly PythonObject _add;

    public FixtureAddInProcess(PythonRuntime runtime)
    {
        using var module = runtime.Import("interop_fixture");
        _add = module.GetAttribute("add");
        BoundOnThread = Environment.CurrentManagedThreadId;
    }

    public int BoundOnThread { get; }

    public bool Disposed { get; private set; }

    public long Add(long a, long b)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(PyRef.FromInt64(a));
            args.Add(PyRef.FromInt64(b));
            using var result = _add.Invoke(ref args);
            return result.ToInt64();
        }
        finally
        {
            args.Dispose();
        }
    }

    public void Dispose()
    {
        Disposed = true;
        _add.Dispose();
    }
}

[Collection(EmbeddedPython.Name)]
public sealed class ExecutorTests(PythonFixture python)
{
    static ExecutorTests() => PythonModuleRegistry.Register<IFixtureAdd>("interop_fixture", runtime => new FixtureAddInProcess(runtime));

    [Fact]
    public void Factory_creates_the_thread_state_and_preloaded_modules_on_the_worker_thread()
    {
        var factory = new InProcessExecutorFactory(python.Runtime).Preload<IFixtureAdd>();
        FixtureAddInProcess? module = null;
        var workerThread = 0;
        var thread = new Thread(() =>
        {
            workerThread = Environment.CurrentManagedThreadId;
            using var executor = (InProcessExecutor)factory.Create(new WorkerInfo("general", 0, WorkerKind.Core));
            Assert.NotEqual(0, ThreadStates.Current);
            Assert.True(executor.IsHealthy);
            module = (FixtureAddInProcess)executor.Bind<IFixtureAdd>();
            Assert.Same(module, executor.Bind<IFixtureAdd>());
            Assert.Equal(5, module.Add(2, 3));
        });
        thread.Start();
        thread.Join();

        Assert.NotNull(module);
        Assert.Equal(workerThread, module.BoundOnThread);
        Assert.True(module.Disposed);
    }

    [Fact]
    public void Disposing_the_executor_deletes_the_worker_thread_state()
    {
        var factory = new InProcessExecutorFactory(python.Runtime);
        nint stateAfter = -1;
        var thread = new Thread(() =>
        {
            var executor = factory.Create(new WorkerInfo("general", 1, WorkerKind.Overflow));
            executor.Dispose();
            stateAfter = ThreadStates.Current;
            using var gil = PythonGil.Acquire();
        });
        thread.Start();
        thread.Join();
        Assert.Equal(0, stateAfter);
    }

    [Fact]
    public void Binding_from_another_thread_is_refused()
    {
        var executor = (InProcessExecutor)new InProcessExecutorFactory(python.Runtime).Create(new WorkerInfo("general", 2, WorkerKind.Core));
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(() => executor.Bind<IFixtureAdd>()));
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(error);
        executor.Dispose();
    }

    [Fact]
    public void Unregistered_interface_names_itself()
    {
        var executor = (InProcessExecutor)new InProcessExecutorFactory(python.Runtime).Create(new WorkerInfo("general", 3, WorkerKind.Core));
        var error = Assert.Throws<InvalidOperationException>(() => executor.Bind<IDisposable>());
        Assert.Contains("IDisposable", error.Message, StringComparison.Ordinal);
        executor.Dispose();
    }
}
