using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dspex.Gpu;
using Dspex.Scheduler;

namespace Dspex.GpuCheck.Fit;

/// <summary>
/// The fit test: a real <see cref="DspexScheduler"/> whose neural pool is gated by a real <see cref="GpuAdmission"/>
/// runs jobs whose declared sizes add up to several times the devices' memory; each admitted job really allocates
/// its declared bytes on its admitted device, holds them, and frees them, while a sampler records used memory.
/// Any out-of-memory error, or used memory above total − headroom, fails the test.
/// </summary>
internal sealed class FitTest
{
    private const string Module = "gpucheck.Fit";
    private const int MaxErrorSamples = 10;

    private readonly IGpuDeviceProvider _provider;
    private readonly IDeviceAllocator _allocator;
    private readonly FitSettings _settings;
    private readonly long[] _allocated;
    private readonly Lock[] _allocating;
    private readonly long[] _peakAllocated;
    private readonly long[] _peakUsed;
    private readonly long[] _peakReserved;
    private readonly long[] _readings;
    private readonly ConcurrentQueue<string> _errors = new();
    private int _outOfMemory;
    private int _otherErrors;
    private int _completed;

    private FitTest(IGpuDeviceProvider provider, IDeviceAllocator allocator, FitSettings settings)
    {
        _provider = provider;
        _allocator = allocator;
        _settings = settings;
        var devices = provider.Devices.Count;
        _allocated = new long[devices];
        _allocating = [.. Enumerable.Range(0, devices).Select(_ => new Lock())];
        _peakAllocated = new long[devices];
        _peakUsed = new long[devices];
        _peakReserved = new long[devices];
        _readings = new long[devices];
    }

    /// <summary>Runs the fit test.</summary>
    /// <param name="options">GPU admission options (headroom, context overhead, refresh interval).</param>
    /// <param name="provider">The devices; the admission created here owns and disposes it.</param>
    /// <param name="allocator">What really allocates; its contexts should exist already, so the ledger counts them.</param>
    /// <param name="settings">The oversubscription and timing.</param>
    /// <returns>The result; see <see cref="FitResult.Passed"/>.</returns>
    public static async Task<FitResult> RunAsync(GpuOptions options, IGpuDeviceProvider provider, IDeviceAllocator allocator, FitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(settings);
        using var meters = new OwnedMeterFactory();
        using var counters = new AdmissionCounters(meters);
        using var admission = new GpuAdmission(options, provider, TimeProvider.System, meters);
        if (!admission.HasDevices)
        {
            throw new InvalidOperationException("The fit test needs a device: " + (admission.UnavailableReason ?? "none"));
        }

        return await new FitTest(provider, allocator, settings).RunAsync(admission, counters, options.HeadroomBytes).ConfigureAwait(false);
    }

    private static void RaiseToMax(ref long peak, long value)
    {
        var seen = Volatile.Read(ref peak);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private async Task<FitResult> RunAsync(GpuAdmission admission, AdmissionCounters counters, long headroom)
    {
        var start = admission.Devices;
        var plan = FitPlan.Create(start.Select(d => d.TotalBytes).ToArray(), start.Select(d => d.BudgetBytes).ToArray(), _settings);
        var usedAtStart = start.Select(d => ReadUsed(d.Index) ?? d.UsedBytes).ToArray();

        var schedulerOptions = new DspexOptions();
        schedulerOptions.Pools[PoolNames.Neural] = new PoolOptions
        {
            Size = _settings.PoolSize,
            MaxOverflow = 0,
            UseSharedOverflow = false,
            QueueCapacity = plan.Jobs.Count + 1,
            QueueTimeout = _settings.RunTimeout,
        };
        var components = new SchedulerComponents();
        components.AdmissionGates[PoolNames.Neural] = admission.GateFor(PoolNames.Neural);
        var scheduler = new DspexScheduler(schedulerOptions, components);
        using var stopSampler = new ManualResetEventSlim();
        var sampler = new Thread(() => Sample(admission, stopSampler)) { IsBackground = true, Name = "gpucheck sampler" };
        using var timeout = new CancellationTokenSource(_settings.RunTimeout);
        var elapsed = Stopwatch.StartNew();
        await scheduler.StartAsync().ConfigureAwait(false);
        sampler.Start();
        try
        {
            var outcomes = plan.Jobs.Select(job => OutcomeAsync(scheduler, job, timeout.Token)).ToArray();
            await Task.WhenAll(outcomes).ConfigureAwait(false);
        }
        finally
        {
            await scheduler.StopAsync().ConfigureAwait(false);
            stopSampler.Set();
            sampler.Join();
            elapsed.Stop();
        }

        return new FitResult
        {
            Allocator = _allocator.Description,
            Jobs = plan.Jobs.Count,
            DeclaredBytes = plan.DeclaredBytes,
            TargetBytes = plan.TargetBytes,
            Admitted = counters.Admitted,
            Waited = counters.Waited,
            Rejected = counters.Rejected,
            Completed = Volatile.Read(ref _completed),
            OutOfMemoryErrors = Volatile.Read(ref _outOfMemory),
            OtherErrorCount = Volatile.Read(ref _otherErrors),
            ErrorSamples = _errors.ToArray(),
            MaxAdmissionWait = counters.MaxWait,
            Elapsed = elapsed.Elapsed,
            Devices = start.Select(d => new DevicePeak(
                d.Index, d.Name, d.TotalBytes, headroom, usedAtStart[d.Index], d.BudgetBytes,
                Math.Max(Volatile.Read(ref _peakUsed[d.Index]), usedAtStart[d.Index]), Volatile.Read(ref _peakReserved[d.Index]),
                Volatile.Read(ref _peakAllocated[d.Index]), Volatile.Read(ref _readings[d.Index]))).ToArray(),
        };
    }

    private async Task OutcomeAsync(DspexScheduler scheduler, FitJob job, CancellationToken cancellationToken)
    {
        try
        {
            var work = new DelegateJob<bool>(Module, context => Execute(context, job))
            {
                Pool = PoolNames.Neural,
                Resources = new ResourceDemand(job.Bytes),
            };
            if (await scheduler.SubmitAsync(work, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _completed);
            }
        }
        catch (Exception ex)
        {
            Other(string.Create(CultureInfo.InvariantCulture, $"job {job.Id} ({GpuBytes.Format(job.Bytes)}): {ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>The job itself, on its worker thread: allocate exactly the declared bytes on the admitted device, hold, free.</summary>
    private bool Execute(JobContext context, FitJob job)
    {
        if (context.Device is not int device)
        {
            Other($"job {job.Id}: admitted without a device");
            return false;
        }

        // Allocating and counting happen under one lock per device (and so do counting down and freeing), so
        // the count always equals what the jobs hold on the device and its peak is exact, not one that misses
        // an overlap when a thread is preempted between the two.
        DeviceAllocation allocation;
        lock (_allocating[device])
        {
            if (!_allocator.TryAllocate(device, job.Bytes, out allocation, out var failure))
            {
                if (failure.IsOutOfMemory)
                {
                    Interlocked.Increment(ref _outOfMemory);
                    Keep($"OOM: job {job.Id} on GPU {device}: {failure.Message}");
                }
                else
                {
                    Other($"job {job.Id} on GPU {device}: {failure.Message}");
                }

                return false;
            }

            RaiseToMax(ref _peakAllocated[device], Interlocked.Add(ref _allocated[device], job.Bytes));
        }

        var ok = true;
        try
        {
            ReadUsed(device);
            context.CancellationToken.WaitHandle.WaitOne(job.Hold);
        }
        finally
        {
            string? error;
            bool freed;
            lock (_allocating[device])
            {
                Interlocked.Add(ref _allocated[device], -job.Bytes);
                freed = _allocator.TryFree(allocation, out error);
            }

            if (!freed)
            {
                Other($"job {job.Id} on GPU {device}: free failed: {error}");
                ok = false;
            }
        }

        return ok;
    }

    private void Sample(GpuAdmission admission, ManualResetEventSlim stop)
    {
        do
        {
            for (var d = 0; d < _readings.Length; d++)
            {
                ReadUsed(d);
            }

            foreach (var device in admission.Devices)
            {
                RaiseToMax(ref _peakReserved[device.Index], device.ReservedBytes);
            }
        }
        while (!stop.Wait(_settings.SampleInterval));
    }

    private long? ReadUsed(int device)
    {
        if (!_provider.TryReadMemory(device, out var reading, out _))
        {
            return null;
        }

        Interlocked.Increment(ref _readings[device]);
        RaiseToMax(ref _peakUsed[device], reading.UsedBytes);
        return reading.UsedBytes;
    }

    private void Other(string message)
    {
        Interlocked.Increment(ref _otherErrors);
        Keep(message);
    }

    private void Keep(string message)
    {
        if (_errors.Count < MaxErrorSamples)
        {
            _errors.Enqueue(message);
        }
    }
}
