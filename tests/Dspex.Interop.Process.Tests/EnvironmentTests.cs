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
