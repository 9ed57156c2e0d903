namespace Dspex.Gpu.Tests;

/// <summary>The settle rule: memory reserved but not yet allocated must never look free to a refresh.</summary>
public sealed class LedgerSettleTests
{
    private const long GiB = 1L << 30;

    private static DeviceAccount Account()
    {
        var account = new DeviceAccount(new GpuDeviceIdentity(0, "card", "", 10 * GiB, IsSimulated: true), fixedCostBytes: GiB);
        account.Reconcile(new GpuMemoryReading(10 * GiB, 2 * GiB)); // others use 2 GiB
        return account;
    }

    [Fact]
    public void A_young_reservation_not_yet_allocated_does_not_grow_the_budget()
    {
        var account = Account();
        Assert.Equal(7 * GiB, account.BudgetBytes);
        Assert.True(account.TryReserve(6 * GiB));

        // The job has not allocated: used still shows only the others' 2 GiB.
        account.Reconcile(new GpuMemoryReading(10 * GiB, 2 * GiB), youngBytes: 6 * GiB);
        Assert.Equal(7 * GiB, account.BudgetBytes);
        Assert.Equal(1 * GiB, account.AvailableBytes);
        Assert.False(account.TryReserve(2 * GiB)); // the old formula (used − reserved = 0 others) would allow 3 GiB more
    }

    [Fact]
    public void Young_reservations_that_allocated_are_not_counted_twice()
    {
        var account = Account();
        Assert.True(account.TryReserve(6 * GiB));
        account.Reconcile(new GpuMemoryReading(10 * GiB, 8 * GiB), youngBytes: 6 * GiB);
        Assert.Equal(2 * GiB, account.OthersBytes);
        Assert.Equal(7 * GiB, account.BudgetBytes);
    }

    [Fact]
    public void Growth_of_other_processes_shows_once_reservations_settle()
    {
        var account = Account();
        Assert.True(account.TryReserve(4 * GiB));
        account.Reconcile(new GpuMemoryReading(10 * GiB, 9 * GiB), youngBytes: 0); // settled: others grew to 5 GiB
        Assert.Equal(5 * GiB, account.OthersBytes);
        Assert.Equal(4 * GiB, account.BudgetBytes);
        Assert.Equal(0, account.AvailableBytes);
    }

    [Fact]
    public void The_ceiling_takes_every_reservation_as_allocated()
    {
        var account = Account();
        Assert.True(account.TryReserve(6 * GiB));
        account.Reconcile(new GpuMemoryReading(10 * GiB, 2 * GiB), youngBytes: 6 * GiB);
        Assert.Equal(9 * GiB, account.CeilingBytes);
    }
}
