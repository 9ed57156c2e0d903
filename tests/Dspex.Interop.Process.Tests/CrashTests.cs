using System.Diagnostics;
using Dspex.Interop.Process.Native;
using Dspex.Scheduler;

namespace Dspex.Interop.Process.Tests;

/// <summary>Workers that exit, are killed, hang, or never start.</summary>
public sealed class CrashTests
{
    [Fact]
    public void A_worker_that_exits_mid_call_fails_the_call_with_its_exit_code_and_stderr()
    {
        using var worker = Workers.Start();
        var ex = Assert.Throws<WorkerCrashedException>(() => worker.Fixture().Call<long>("say_then_exit", 1));
        Assert.Equal(1, ex.ExitCode);
        Assert.Null(ex.Signal);
        Assert.Equal("optimizer", ex.Pool);
        Assert.Contains("fixture: exiting now", ex.LastStderr, StringComparison.Ordinal);
        Assert.Contains("about to exit with 1", ex.LastStderr, StringComparison.Ordinal);
        Assert.Contains("exit code 1", ex.Message, StringComparison.Ordinal);
        Assert.False(worker.IsHealthy);
        Assert.Throws<WorkerCrashedException>(() => worker.Fixture().Call<long>("add", 1, 2));
    }

    [Fact]
    public void A_worker_killed_mid_call_fails_the_call_naming_the_signal()
    {
        using var worker = Workers.Start();
        using var killer = new Timer(_ => LibC.Signal(worker.ProcessId, LibC.SIGKILL), null, 300, Timeout.Infinite);
        var ex = Assert.Throws<WorkerCrashedException>(() => worker.Fixture().Call<double>("sleep", 30.0));
        Assert.Equal(LibC.SIGKILL, ex.Signal);
        Assert.Contains("SIGKILL", ex.Message, StringComparison.Ordinal);
        Assert.False(worker.IsHealthy);
    }

    [Fact]
    public void A_worker_that_stops_answering_heartbeats_is_killed_within_the_stated_bound()
    {
        var options = Workers.Options();
        using var worker = Workers.Start(options: options);
        using var freezer = new Timer(_ => LibC.Signal(worker.ProcessId, LibC.SIGSTOP), null, 200, Timeout.Infinite);
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<WorkerCrashedException>(() => worker.Fixture().Call<double>("sleep", 60.0));
        clock.Stop();
        Assert.Contains("stopped sending heartbeats", ex.Message, StringComparison.Ordinal);
        // Bound: freeze time + HeartbeatTimeout + HeartbeatInterval, with slack for a busy 2-core machine.
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200) + options.HeartbeatTimeout + options.HeartbeatInterval + TimeSpan.FromSeconds(3),
            $"detected after {clock.Elapsed}");
        Assert.False(worker.IsHealthy);
    }

    [Fact]
    public void A_worker_that_dies_while_idle_reports_itself_unhealthy()
    {
        using var worker = Workers.Start();
        Assert.True(worker.IsHealthy);
        LibC.Signal(worker.ProcessId, LibC.SIGKILL);
        Workers.WaitUntil(() => !worker.IsHealthy, TimeSpan.FromSeconds(10), "the dead worker reports unhealthy");
    }

    [Fact]
    public void A_module_that_fails_to_import_fails_the_start_naming_the_module_and_quoting_stderr()
    {
        var ex = Assert.Throws<PythonWorkerStartException>(() => Workers.Start(options: Workers.Options("dspex_fixture", "dspex_fixture_broken")));
        Assert.Contains("'dspex_fixture_broken'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("this_module_does_not_exist_anywhere", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Traceback", ex.LastStderr, StringComparison.Ordinal);
        Assert.Equal(3, ex.ExitCode);
        Assert.Equal(["dspex_fixture", "dspex_fixture_broken"], ex.Modules);
        var python = Assert.IsType<PythonProcessException>(ex.InnerException);
        Assert.Equal("ImportError", python.PythonType);
        Assert.Equal("ModuleNotFoundError", python.Causes[0].PythonType);
    }

    [Fact]
    public void A_missing_interpreter_fails_the_start_naming_it()
    {
        var options = Workers.Options();
        options.PythonExecutable = "/nonexistent/python3";
        var ex = Assert.Throws<PythonWorkerStartException>(() => Workers.Start(options: options));
        Assert.Contains("/nonexistent/python3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'dspex_fixture'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interpreter_that_is_not_Python_fails_the_start_with_its_stderr()
    {
        var options = Workers.Options();
        options.PythonExecutable = "/bin/sh";
        var ex = Assert.Throws<PythonWorkerStartException>(() => Workers.Start(options: options));
        Assert.Contains("exited before it was ready", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(ex.LastStderr));
    }

    [Fact]
    public void A_worker_that_does_not_become_ready_in_time_fails_the_start_and_is_killed()
    {
        var options = Workers.Options("dspex_fixture_slow_import");
        options.StartTimeout = TimeSpan.FromMilliseconds(1500);
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<PythonWorkerStartException>(() => Workers.Start(options: options));
        Assert.Contains("did not answer the ready handshake within 1.5 s", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Dispose_stops_the_worker_process()
    {
        var worker = Workers.Start();
        var pid = worker.ProcessId;
        Assert.True(Workers.IsAlive(pid));
        worker.Dispose();
        Workers.WaitUntil(() => !Workers.IsAlive(pid), TimeSpan.FromSeconds(5), $"worker {pid} is gone");
        Assert.False(worker.IsHealthy);
        Assert.Throws<ObjectDisposedException>(() => worker.Fixture().Call<long>("add", 1, 2));
    }

    [Fact]
    public void Dispose_kills_a_worker_that_ignores_SIGTERM_after_the_grace_period()
    {
        var worker = Workers.Start();
        var pid = worker.ProcessId;
        Assert.True(worker.Fixture().Call<bool>("ignore_sigterm"));
        worker.Dispose();
        Assert.False(Workers.IsAlive(pid));
    }
}
