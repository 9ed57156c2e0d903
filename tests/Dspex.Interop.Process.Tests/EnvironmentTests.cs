using Dspex.Scheduler;

namespace Dspex.Interop.Process.Tests;

/// <summary>Environment, CPU priority and memory recycling of worker processes.</summary>
public sealed class EnvironmentTests
{
    [Fact]
    public void Workers_get_the_pool_environment_and_one_thread_numeric_defaults()
    {
        var pool = new PoolOptions { Isolation = PoolIsolation.Process };
        pool.WorkerEnvironment["CUDA_VISIBLE_DEVICES"] = "3";
        pool.WorkerEnvironment["MKL_NUM_THREADS"] = "2";
        using var worker = Workers.Start(pool);
        var m = worker.Fixture();
        Assert.Equal("3", m.Call<string?>("env", "CUDA_VISIBLE_DEVICES"));
        Assert.Equal("1", m.Call<string?>("env", "OMP_NUM_THREADS"));
        Assert.Equal("1", m.Call<string?>("env", "OPENBLAS_NUM_THREADS"));
        Assert.Equal("2", m.Call<string?>("env", "MKL_NUM_THREADS"));
    }

    [Theory]
    [InlineData(WorkerSchedulingPolicy.Normal, 0)]
    [InlineData(WorkerSchedulingPolicy.Batch, 3)]
    [InlineData(WorkerSchedulingPolicy.Idle, 5)]
    public void Workers_run_at_the_pool_nice_value_and_scheduling_policy(WorkerSchedulingPolicy policy, int linuxPolicy)
    {
        var pool = new PoolOptions { Isolation = PoolIsolation.Process, WorkerNice = 7, WorkerSchedulingPolicy = policy };
        using var worker = Workers.Start(pool);
        var priority = worker.Fixture().Call<(long Nice, long Policy)>("priority");
        Assert.Equal(7L, priority.Nice);
        Assert.Equal(linuxPolicy, priority.Policy);
    }

    [Fact]
    public void An_out_of_range_nice_value_is_refused_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessExecutorFactory(new PoolOptions { WorkerNice = 40 }));
        Assert.Contains("WorkerNice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workers_keep_off_the_reserved_cpus()
    {
        using var unrestricted = Workers.Start();
        var all = unrestricted.Fixture().Call<List<long>>("cpus");
        using var reserved = Workers.Start(new PoolOptions { Isolation = PoolIsolation.Process, WorkerReservedCpus = 1 });
        var expected = all.Count > 1 ? all.Skip(1).ToList() : all;
        Assert.Equal(expected, reserved.Fixture().Call<List<long>>("cpus"));

        // Reserving every CPU would leave none: the workers use them all.
        using var everything = Workers.Start(new PoolOptions { Isolation = PoolIsolation.Process, WorkerReservedCpus = all.Count });
        Assert.Equal(all, everything.Fixture().Call<List<long>>("cpus"));
    }

    [Fact]
    public void Workers_run_on_the_pool_cpus()
    {
        using var worker = Workers.Start(new PoolOptions { Isolation = PoolIsolation.Process, WorkerCpus = "0", WorkerReservedCpus = 1 });
        Assert.Equal([0L], worker.Fixture().Call<List<long>>("cpus"));
    }

    [Fact]
    public void A_cpu_the_host_may_not_use_fails_the_start_naming_it()
    {
        var ex = Assert.Throws<PythonWorkerStartException>(() => Workers.Start(new PoolOptions { Isolation = PoolIsolation.Process, WorkerCpus = "0,8000" }));
        Assert.Contains("WorkerCpus names CPU 8000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_cpu_list_is_refused_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ProcessExecutorFactory(new PoolOptions { WorkerCpus = "0-" }));
        Assert.Contains("WorkerCpus '0-'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(5000)]
    public void Calls_answer_with_any_busy_poll_budget_after_short_and_long_gaps(int microseconds)
    {
        var options = Workers.Options();
        options.BusyPoll = TimeSpan.FromMicroseconds(microseconds);
        using var worker = Workers.Start(options: options);
        var m = worker.Fixture();
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i + 1L, m.Call<long>("add", i, 1));
        }

        // Past both ends' polling budget: each side is asleep in the kernel and must be woken by the other.
        using var gap = new ManualResetEventSlim();
        gap.Wait(TimeSpan.FromMilliseconds(30));
        Assert.Equal(3L, m.Call<long>("add", 1, 2));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2_000_000)]
    public void An_out_of_range_busy_poll_is_refused_naming_the_option(int microseconds)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessWorkerOptions { BusyPoll = TimeSpan.FromMicroseconds(microseconds) });
        Assert.Contains("BusyPoll", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_over_its_memory_limit_reports_unhealthy_so_it_is_recycled()
    {
        var pool = new PoolOptions { Isolation = PoolIsolation.Process, MaxWorkerMemoryMb = 80 };
        using var worker = Workers.Start(pool);
        Assert.True(worker.IsHealthy);
        worker.Fixture().Call<long>("grow", 120);
        Assert.False(worker.IsHealthy);
    }

    [Fact]
    public void Print_in_user_code_does_not_corrupt_the_channel()
    {
        using var worker = Workers.Start();
        Assert.Equal(5L, worker.Fixture().Call<long>("chatty", 2000));
        Assert.Equal(3L, worker.Fixture().Call<long>("add", 1, 2));
    }
}
