using BenchmarkDotNet.Attributes;
using Dspex.Gpu;
using Dspex.Scheduler;

namespace Dspex.Perf.Gpu;

/// <summary>Admit + release against a bare <see cref="Interlocked"/> counter, uncontended and with 2 threads.</summary>
[MemoryDiagnoser]
public class GpuLedgerBenchmarks
{
    private const long Bytes = 1L << 30;
    private const int ContendedOps = 100_000;

    private long _counter;
    private DeviceAccount _account = null!;
    private GpuAdmission _admission = null!;
    private IAdmissionGate _gate = null!;
    private AdmissionTicket _ticket = null!;

    [GlobalSetup]
    public void Setup()
    {
        _account = new DeviceAccount(new GpuDeviceIdentity(0, "bench", string.Empty, 64 * Bytes, true), 0);
        _account.Reconcile(new GpuMemoryReading(64 * Bytes, 0));
        _admission = GpuAdmission.Create(new GpuOptions
        {
            HeadroomBytes = 0,
            WorkerContextBytes = 0,
            SimulatedDevices = [new SimulatedGpuOptions { TotalBytes = 64 * Bytes }],
        });
        _gate = _admission.GateFor(PoolNames.Neural);
        _ticket = new AdmissionTicket(new NeverDeferredJob(), 1, PoolNames.Neural, "bench.Module", new ResourceDemand(Bytes), 1);
    }

    [GlobalCleanup]
    public void Cleanup() => _admission.Dispose();

    [Benchmark(Baseline = true, Description = "Interlocked add+sub (baseline)")]
    public long InterlockedPair()
    {
        Interlocked.Add(ref _counter, Bytes);
        return Interlocked.Add(ref _counter, -Bytes);
    }

    [Benchmark(Description = "ledger reserve+release")]
    public bool LedgerReserveRelease()
    {
        var ok = _account.TryReserve(Bytes);
        _account.Release(Bytes);
        return ok;
    }

    [Benchmark(Description = "gate admit+release")]
    public int? GateAdmitRelease()
    {
        var lease = _gate.Request(_ticket).Lease!;
        var device = lease.Device;
        lease.Dispose();
        return device;
    }

    [Benchmark(OperationsPerInvoke = ContendedOps, Description = "Interlocked add+sub, 2 threads")]
    public void InterlockedPairContended()
        => Parallel.For(0, ContendedOps, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ => InterlockedPair());

    [Benchmark(OperationsPerInvoke = ContendedOps, Description = "ledger reserve+release, 2 threads")]
    public void LedgerReserveReleaseContended()
        => Parallel.For(0, ContendedOps, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ => LedgerReserveRelease());

    /// <summary>The scheduler's side of a ticket the benchmark always admits at once.</summary>
    private sealed class NeverDeferredJob : IDeferredJob
    {
        public bool IsAbandoned(int generation) => false;

        public bool TryAdmit(int generation, AdmissionLease lease) => throw new InvalidOperationException("the benchmark never defers");

        public bool TryReject(int generation, Exception error) => false;
    }
}
