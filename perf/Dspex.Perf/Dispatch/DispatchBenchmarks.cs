using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using BenchmarkDotNet.Attributes;
using Dspex.Scheduler;

namespace Dspex.Perf.Dispatch;

/// <summary>
/// Submit → complete of a no-op job, in batches of <see cref="Batch"/> from 1 or 2 producers, consumed by two
/// workers. Dspex against: a bounded <see cref="Channel{T}"/> read by two dedicated threads (the floor), the
/// BCL's unbounded prioritized channel (a priority baseline), TPL Dataflow's bounded ActionBlock, and the
/// thread pool with a completion source.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    public const int Batch = 1000;
    private const int Workers = 2;
    private const int Capacity = 4096;

    private readonly ValueTask<int>[] _pending = new ValueTask<int>[Batch];
    private DspexScheduler _scheduler = null!;
    private Channel<BaselineCompletion> _channel = null!;
    private Channel<BaselineCompletion> _prioritized = null!;
    private ActionBlock<BaselineCompletion> _actionBlock = null!;
    private Thread[] _threads = [];

    [Params(1, 2)]
    public int Producers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new DspexOptions();
        options.Pools.Clear();
        options.Pools["general"] = new PoolOptions { Size = Workers, MaxOverflow = 0, QueueCapacity = Capacity, QueueTimeout = Timeout.InfiniteTimeSpan };
        options.Routing.Rules = [];
        _scheduler = new DspexScheduler(options);
        _scheduler.StartAsync().GetAwaiter().GetResult();

        _channel = Channel.CreateBounded<BaselineCompletion>(new BoundedChannelOptions(Capacity) { SingleReader = false, SingleWriter = false });
        _prioritized = Channel.CreateUnboundedPrioritized(new UnboundedPrioritizedChannelOptions<BaselineCompletion>
        {
            Comparer = Comparer<BaselineCompletion>.Create((a, b) => a.Priority.CompareTo(b.Priority)),
        });
        _actionBlock = new ActionBlock<BaselineCompletion>(c => c.Run(), new ExecutionDataflowBlockOptions { BoundedCapacity = Capacity, MaxDegreeOfParallelism = Workers });
        _threads = [.. Enumerable.Range(0, Workers * 2).Select(i => StartReader(i < Workers ? _channel.Reader : _prioritized.Reader))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _channel.Writer.Complete();
        _prioritized.Writer.Complete();
        _actionBlock.Complete();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _scheduler.StopAsync().GetAwaiter().GetResult();
    }

    private static Thread StartReader(ChannelReader<BaselineCompletion> reader)
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                while (reader.TryRead(out var item))
                {
                    item.Run();
                }

                var wait = reader.WaitToReadAsync();
                if (!(wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult()))
                {
                    return;
                }
            }
        })
        { IsBackground = true };
        thread.Start();
        return thread;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Dspex() => Produce(static (self, i) => self._scheduler.SubmitAsync(NoOpJob.Instance));

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public Task BoundedChannel() => Produce(static (self, i) =>
    {
        var item = BaselineCompletion.Rent(1);
        var write = self._channel.Writer.WriteAsync(item);
        return write.IsCompletedSuccessfully ? item.Task : Slow(write, item);
    });

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task PrioritizedChannel() => Produce(static (self, i) =>
    {
        var item = BaselineCompletion.Rent(i % 3);
        self._prioritized.Writer.TryWrite(item);
        return item.Task;
    });

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task ActionBlock() => Produce(static (self, i) =>
    {
        var item = BaselineCompletion.Rent(1);
        var send = self._actionBlock.SendAsync(item);
        return send.IsCompletedSuccessfully ? item.Task : SlowSend(send, item);
    });

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task ThreadPoolQueue() => Produce(static (self, i) =>
    {
        var item = BaselineCompletion.Rent(1);
        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
        return item.Task;
    });

    private static async ValueTask<int> Slow(ValueTask write, BaselineCompletion item)
    {
        await write.ConfigureAwait(false);
        return await item.Task.ConfigureAwait(false);
    }

    private static async ValueTask<int> SlowSend(Task<bool> send, BaselineCompletion item)
    {
        await send.ConfigureAwait(false);
        return await item.Task.ConfigureAwait(false);
    }

    private async Task Produce(Func<DispatchBenchmarks, int, ValueTask<int>> submit)
    {
        if (Producers == 1)
        {
            for (var i = 0; i < Batch; i++)
            {
                _pending[i] = submit(this, i);
            }
        }
        else
        {
            var half = Batch / 2;
            var other = Task.Factory.StartNew(() =>
            {
                for (var i = half; i < Batch; i++)
                {
                    _pending[i] = submit(this, i);
                }
            }, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
            for (var i = 0; i < half; i++)
            {
                _pending[i] = submit(this, i);
            }

            await other.ConfigureAwait(false);
        }

        for (var i = 0; i < Batch; i++)
        {
            await _pending[i].ConfigureAwait(false);
        }
    }

    /// <summary>A reusable job: submitting it allocates nothing.</summary>
    internal sealed class NoOpJob : Job<int>
    {
        public static readonly NoOpJob Instance = new();

        private NoOpJob()
            : base("dspy.Predict")
        {
        }

        public override int Execute(JobContext context) => 1;
    }
}
