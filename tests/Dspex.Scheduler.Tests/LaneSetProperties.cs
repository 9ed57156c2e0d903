using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dspex.Scheduler.Tests;

public sealed class LaneSetProperties
{
    private sealed class Item(int lane, int id)
    {
        public int Lane { get; } = lane;

        public int Id { get; } = id;
    }

    /// <summary>
    /// One consumer, random adds and takes over 1–5 lanes: the job at the head of a lane is taken after at most
    /// K + P − 1 takes from other lanes, and each lane stays FIFO.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Head_of_a_lane_is_taken_within_the_aging_bound()
    {
        var gen =
            from levels in Gen.Choose(1, 5)
            from aging in Gen.Choose(1, 6)
            from n in Gen.Choose(1, 400)
            from ops in Gen.ListOf(Gen.Choose(-1, levels - 1), n)
            select (levels, aging, ops);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (levels, aging, ops) = t;
            var lanes = new LaneSet<Item>(levels, 512, aging);
            var model = Enumerable.Range(0, levels).Select(_ => new Queue<Item>()).ToArray();
            var bypassedWhileHead = new Dictionary<Item, int>();
            var bound = aging + levels - 1;
            var id = 0;
            var worst = 0;

            void Take()
            {
                if (!lanes.TryTake(out var item, out var lane))
                {
                    Assert.True(model.All(q => q.Count == 0), "TryTake found nothing while a lane held a job");
                    return;
                }

                Assert.Equal(lane, item.Lane);
                Assert.Same(model[lane].Dequeue(), item); // FIFO within a lane
                bypassedWhileHead.Remove(item);
                for (var other = 0; other < levels; other++)
                {
                    if (other != lane && model[other].TryPeek(out var head))
                    {
                        var n = bypassedWhileHead.GetValueOrDefault(head) + 1;
                        bypassedWhileHead[head] = n;
                        worst = Math.Max(worst, n);
                    }
                }
            }

            foreach (var op in ops)
            {
                if (op < 0)
                {
                    Take();
                }
                else
                {
                    var item = new Item(op, id++);
                    Assert.True(lanes.TryAdd(item, op));
                    model[op].Enqueue(item);
                }
            }

            while (model.Any(q => q.Count > 0))
            {
                Take();
            }

            return (worst <= bound).Label($"worst bypass {worst} > bound {bound} (K={aging}, P={levels})");
        });
    }

    [Fact]
    public void Without_aging_pressure_higher_priority_is_always_first()
    {
        var lanes = new LaneSet<Item>(3, 16, 100);
        lanes.TryAdd(new Item(2, 0), 2);
        lanes.TryAdd(new Item(1, 1), 1);
        lanes.TryAdd(new Item(0, 2), 0);
        Assert.True(lanes.TryTake(out var a, out _));
        Assert.True(lanes.TryTake(out var b, out _));
        Assert.True(lanes.TryTake(out var c, out _));
        Assert.Equal([0, 1, 2], new[] { a.Lane, b.Lane, c.Lane });
    }

    [Fact]
    public void A_low_lane_is_served_after_K_bypasses()
    {
        var lanes = new LaneSet<Item>(2, 64, 3);
        lanes.TryAdd(new Item(1, -1), 1);
        for (var i = 0; i < 10; i++)
        {
            lanes.TryAdd(new Item(0, i), 0);
        }

        var taken = new List<int>();
        while (lanes.TryTake(out var item, out _))
        {
            taken.Add(item.Lane);
        }

        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], taken);
    }

    [Property(MaxTest = 50)]
    public Property Concurrent_producers_and_consumers_lose_and_duplicate_nothing()
    {
        return Prop.ForAll(Gen.Choose(1, 4000).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (count, levels) =>
        {
            var lanes = new LaneSet<Item>(levels, 8192, 4);
            var seen = new int[count];
            var taken = 0;
            var producers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
            {
                for (var i = p; i < count; i += 2)
                {
                    Assert.True(lanes.TryAdd(new Item(i % levels, i), i % levels));
                }
            })).ToArray();
            var consumers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                while (Volatile.Read(ref taken) < count)
                {
                    if (lanes.TryTake(out var item, out _))
                    {
                        Interlocked.Increment(ref seen[item.Id]);
                        Interlocked.Increment(ref taken);
                    }
                }
            })).ToArray();
            Task.WaitAll([.. producers, .. consumers], TimeSpan.FromSeconds(30));
            return seen.All(s => s == 1).Label("every item taken exactly once");
        });
    }
}
