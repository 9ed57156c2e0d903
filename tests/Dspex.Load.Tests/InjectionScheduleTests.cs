using Dspex.Load;
using FsCheck.Xunit;

namespace Dspex.Load.Tests;

public class InjectionScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Inject_spaces_calls_evenly_at_the_requested_rate()
    {
        var offsets = InjectionSchedule.IntendedOffsets([new LoadSimulation.Inject(1000, Second, TimeSpan.FromSeconds(2))]).ToArray();
        Assert.Equal(2000, offsets.Length);
        Assert.Equal(TimeSpan.Zero, offsets[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(1), offsets[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(1999), offsets[^1]);
    }

    [Property(MaxTest = 200)]
    public bool Inject_sends_rate_times_duration_calls_in_increasing_order_inside_the_phase(FsCheck.PositiveInt rate, FsCheck.PositiveInt seconds)
    {
        var r = Math.Min(rate.Get, 5000);
        var d = TimeSpan.FromSeconds(Math.Min(seconds.Get, 5));
        var offsets = InjectionSchedule.IntendedOffsets([new LoadSimulation.Inject(r, Second, d)]).ToArray();
        var increasing = offsets.Zip(offsets.Skip(1)).All(p => p.First < p.Second);
        return offsets.Length == (int)(r * d.TotalSeconds) && increasing && offsets[0] == TimeSpan.Zero && offsets[^1] < d;
    }

    [Fact]
    public void Phases_follow_each_other_in_time()
    {
        var offsets = InjectionSchedule.IntendedOffsets(
        [
            new LoadSimulation.Inject(10, Second, Second),
            new LoadSimulation.Inject(20, Second, Second),
        ]).ToArray();
        Assert.Equal(30, offsets.Length);
        Assert.Equal(TimeSpan.FromMilliseconds(900), offsets[9]);
        Assert.Equal(TimeSpan.FromSeconds(1), offsets[10]);
        Assert.Equal(TimeSpan.FromMilliseconds(1050), offsets[11]);
    }

    [Fact]
    public void Ramping_inject_rises_linearly_from_the_previous_rate()
    {
        // 0 → 100/s over 2 s: N(t) = 25 t², so 100 calls, call k at 2·sqrt(k/100) s.
        var offsets = InjectionSchedule.IntendedOffsets([new LoadSimulation.RampingInject(100, Second, TimeSpan.FromSeconds(2))]).ToArray();
        Assert.Equal(100, offsets.Length);
        Assert.Equal(TimeSpan.FromSeconds(1), offsets[25]);
        Assert.Equal(2 * Math.Sqrt(0.81), offsets[81].TotalSeconds, 6);
        var gaps = offsets.Zip(offsets.Skip(1), (a, b) => b - a).ToArray();
        Assert.True(gaps[10] > gaps[90], "calls get closer together as the rate rises");
    }

    [Fact]
    public void Ramping_inject_down_to_zero_mirrors_the_ramp_up()
    {
        var offsets = InjectionSchedule.IntendedOffsets(
        [
            new LoadSimulation.Inject(100, Second, Second),
            new LoadSimulation.RampingInject(0, Second, Second),
        ]).ToArray();
        Assert.Equal(150, offsets.Length);
        Assert.All(offsets.Skip(100), o => Assert.InRange(o.TotalSeconds, 1, 2));
    }

    [Property(MaxTest = 100)]
    public bool Inject_random_sends_between_min_and_max_per_interval(FsCheck.NonNegativeInt min, FsCheck.NonNegativeInt spread, int seed)
    {
        var lo = Math.Min(min.Get, 200);
        var hi = lo + Math.Min(spread.Get, 200);
        var offsets = InjectionSchedule.IntendedOffsets([new LoadSimulation.InjectRandom(lo, hi, Second, TimeSpan.FromSeconds(3))], seed).ToArray();
        var perInterval = Enumerable.Range(0, 3).Select(i => offsets.Count(o => (int)o.TotalSeconds == i));
        return perInterval.All(c => c >= lo && c <= hi) && offsets.Zip(offsets.Skip(1)).All(p => p.First < p.Second);
    }

    [Fact]
    public void Requested_rate_is_calls_over_open_seconds()
    {
        Assert.Equal(1000, InjectionSchedule.RequestedRate([new LoadSimulation.Inject(100, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3))]), 9);
    }

    [Fact]
    public void Invalid_simulations_are_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => InjectionSchedule.IntendedOffsets([new LoadSimulation.Inject(10, TimeSpan.Zero, Second)]).ToArray());
        Assert.Contains("Interval", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoadSimulation.InjectRandom(5, 2, Second, Second).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoadSimulation.KeepConstant(0, Second).Validate());
    }

    [Fact]
    public void Closed_copies_hold_then_ramp_linearly()
    {
        IReadOnlyList<LoadSimulation> phases =
        [
            new LoadSimulation.KeepConstant(4, TimeSpan.FromSeconds(2)),
            new LoadSimulation.RampingConstant(12, TimeSpan.FromSeconds(4)),
        ];
        Assert.Equal(4, ClosedSchedule.CopiesAt(phases, TimeSpan.FromSeconds(1)));
        Assert.Equal(4, ClosedSchedule.CopiesAt(phases, TimeSpan.FromSeconds(2)));
        Assert.Equal(8, ClosedSchedule.CopiesAt(phases, TimeSpan.FromSeconds(4)));
        Assert.Equal(0, ClosedSchedule.CopiesAt(phases, TimeSpan.FromSeconds(6)));
        Assert.Equal(12, ClosedSchedule.MaxCopies(phases));
    }
}
