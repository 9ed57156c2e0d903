using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace Dspex.Scheduler.Tests;

public sealed class OverflowBucketProperties
{
    /// <summary>Random borrow / return / time steps: outstanding ≤ capacity, and borrows over [0, T] ≤ capacity + rate·T.</summary>
    [Property(MaxTest = 300)]
    public Property Borrowing_respects_capacity_and_rate()
    {
        var gen =
            from capacity in Gen.Choose(1, 6)
            from ratePerTenth in Gen.Choose(1, 30)
            from n in Gen.Choose(1, 300)
            from ops in Gen.ListOf(Gen.Choose(0, 2), n)
            from steps in Gen.ListOf(Gen.Choose(1, 2000), 300)
            select (capacity, rate: ratePerTenth / 10.0, ops, steps);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var time = new FakeTimeProvider();
            var bucket = new OverflowBucket(new SharedOverflowOptions { Enabled = true, Capacity = t.capacity, RefillPerSecond = t.rate }, time);
            var outstanding = 0;
            var borrows = 0;
            var elapsed = TimeSpan.Zero;
            var i = 0;
            foreach (var op in t.ops)
            {
                switch (op)
                {
                    case 0 when bucket.TryBorrow():
                        outstanding++;
                        borrows++;
                        break;
                    case 1 when outstanding > 0:
                        bucket.Return();
                        outstanding--;
                        break;
                    case 2:
                        var step = TimeSpan.FromMilliseconds(t.steps[i++ % t.steps.Count]);
                        time.Advance(step);
                        elapsed += step;
                        break;
                }

                if (bucket.Outstanding != outstanding || outstanding > t.capacity)
                {
                    return false.Label($"outstanding {bucket.Outstanding} (model {outstanding}) vs capacity {t.capacity}");
                }

                if (borrows > t.capacity + (t.rate * elapsed.TotalSeconds) + 1e-9)
                {
                    return false.Label($"{borrows} borrows in {elapsed.TotalSeconds:0.###} s exceed {t.capacity} + {t.rate}/s");
                }
            }

            return true.ToProperty();
        });
    }

    [Fact]
    public void Spent_budget_refills_with_time()
    {
        var time = new FakeTimeProvider();
        var bucket = new OverflowBucket(new SharedOverflowOptions { Enabled = true, Capacity = 2, RefillPerSecond = 1 }, time);
        Assert.True(bucket.TryBorrow());
        Assert.True(bucket.TryBorrow());
        Assert.False(bucket.TryBorrow()); // capacity reached
        bucket.Return();
        bucket.Return();
        Assert.False(bucket.TryBorrow()); // returned, but the rate tokens are spent
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.TryBorrow());
        Assert.False(bucket.TryBorrow());
    }
}
