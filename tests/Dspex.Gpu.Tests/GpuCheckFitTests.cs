using Dspex.GpuCheck.Fit;
using static Dspex.Gpu.Tests.Gpus;

namespace Dspex.Gpu.Tests;

public sealed class GpuCheckFitTests
{
    // One reading at start and none during the run: reconciling with jobs in flight is the skipped test's subject.
    private static GpuOptions Options(int refreshMs = 3_600_000) => new()
    {
        HeadroomBytes = 256 * MiB,
        WorkerContextBytes = 0,
        RefreshInterval = TimeSpan.FromMilliseconds(refreshMs),
    };

    private static FitSettings Settings(int seed, int devices = 1) => new()
    {
        Seed = seed,
        MinHold = TimeSpan.FromMilliseconds(1),
        MaxHold = TimeSpan.FromMilliseconds(6),
        PoolSize = 8 * devices,
        RunTimeout = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    public async Task Fit_test_on_simulated_cards_admits_3x_the_memory_without_one_out_of_memory(int devices, int seed)
    {
        var physical = Enumerable.Repeat(8 * GiB, devices).ToArray();
        var others = physical.Select((_, i) => i * 512 * MiB).ToArray();
        var card = new GpuCheckSimulatedCard(physical, others);

        var result = await FitTest.RunAsync(Options(), card, card, Settings(seed, devices));

        Assert.True(result.Passed, result.Format());
        Assert.Equal(0, result.OutOfMemoryErrors);
        Assert.Equal(result.Jobs, result.Completed);
        Assert.Equal(result.Jobs, result.Admitted);
        Assert.True(result.DeclaredBytes >= 3 * physical.Sum(), result.Format());
        Assert.True(result.Waited > 0, "3× oversubscription must make jobs wait: " + result.Format());
        for (var d = 0; d < devices; d++)
        {
            Assert.True(card.PeakAllocated(d) <= physical[d] - others[d] - Options().HeadroomBytes, result.Format());
            Assert.Equal(card.PeakAllocated(d), result.Devices[d].PeakAllocatedBytes);
            Assert.Equal(0, card.Allocated(d));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Refreshing_while_jobs_allocate_never_lets_allocations_exceed_the_device(int devices)
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var physical = Enumerable.Repeat(8 * GiB, devices).ToArray();
            var others = physical.Select((_, i) => i * 512 * MiB).ToArray();
            var card = new GpuCheckSimulatedCard(physical, others);

            var result = await FitTest.RunAsync(Options(refreshMs: 1), card, card, Settings(seed, devices));

            Assert.True(result.Passed, $"seed {seed}: " + result.Format());
        }
    }

    [Fact]
    public async Task Fit_test_reports_out_of_memory_and_fails_when_the_device_holds_less_than_it_reports()
    {
        // The card reports 16 GiB but holds 8: the gate trusts the report, so allocations must fail and be counted.
        var card = new GpuCheckSimulatedCard([8 * GiB], reportedTotals: [16 * GiB]);

        var result = await FitTest.RunAsync(Options(), card, card, Settings(7));

        Assert.False(result.Passed);
        Assert.True(result.OutOfMemoryErrors > 0, result.Format());
        Assert.Contains("out-of-memory", result.Format(), StringComparison.Ordinal);
        Assert.Contains(result.ErrorSamples, e => e.StartsWith("OOM: ", StringComparison.Ordinal));
        Assert.Equal(0, card.Allocated(0));
    }

    [Fact]
    public void Result_fails_when_peak_used_exceeds_total_minus_headroom()
    {
        var over = new DevicePeak(0, "card", 8 * GiB, 512 * MiB, 0, 7 * GiB, 8 * GiB - (256 * MiB), 7 * GiB, 7 * GiB, 10);
        var result = new FitResult
        {
            Allocator = "test",
            Jobs = 1,
            DeclaredBytes = GiB,
            TargetBytes = GiB,
            Admitted = 1,
            Waited = 0,
            Rejected = 0,
            Completed = 1,
            OutOfMemoryErrors = 0,
            ErrorSamples = [],
            OtherErrorCount = 0,
            MaxAdmissionWait = TimeSpan.Zero,
            Elapsed = TimeSpan.Zero,
            Devices = [over],
        };

        Assert.False(result.Passed);
        Assert.Contains("exceeds total − headroom", Assert.Single(result.Failures), StringComparison.Ordinal);
        Assert.Contains("fit verdict: FAIL", result.Format(), StringComparison.Ordinal);
    }
}
