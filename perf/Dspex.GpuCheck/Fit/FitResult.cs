using System.Globalization;
using System.Text;
using Dspex.Gpu;

namespace Dspex.GpuCheck.Fit;

/// <summary>The outcome of a fit test, and its verdict.</summary>
internal sealed record FitResult
{
    /// <summary>What allocated the memory.</summary>
    public required string Allocator { get; init; }

    /// <summary>Jobs submitted.</summary>
    public required int Jobs { get; init; }

    /// <summary>What their declared sizes add up to.</summary>
    public required long DeclaredBytes { get; init; }

    /// <summary>What the declared sizes had to reach (factor × all devices' memory).</summary>
    public required long TargetBytes { get; init; }

    /// <summary>Jobs the gate admitted (from the <c>dspex.gpu.admissions</c> counter).</summary>
    public required long Admitted { get; init; }

    /// <summary>Jobs that had to wait for memory (from the <c>dspex.gpu.waits</c> counter).</summary>
    public required long Waited { get; init; }

    /// <summary>Jobs the gate rejected.</summary>
    public required long Rejected { get; init; }

    /// <summary>Jobs that allocated, held and freed their memory.</summary>
    public required int Completed { get; init; }

    /// <summary>Allocations that failed with out-of-memory: must be 0.</summary>
    public required int OutOfMemoryErrors { get; init; }

    /// <summary>The first few failures of any kind (out-of-memory included), with the driver's code.</summary>
    public required IReadOnlyList<string> ErrorSamples { get; init; }

    /// <summary>How many failures other than out-of-memory (allocation, free, job, timeout) there were.</summary>
    public required int OtherErrorCount { get; init; }

    /// <summary>Longest admission wait.</summary>
    public required TimeSpan MaxAdmissionWait { get; init; }

    /// <summary>How long the jobs took, first submission to last outcome.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Per device peaks.</summary>
    public required IReadOnlyList<DevicePeak> Devices { get; init; }

    /// <summary>Why the fit test failed; empty when it passed.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = new List<string>();
            if (OutOfMemoryErrors > 0)
            {
                failures.Add($"{OutOfMemoryErrors} out-of-memory error(s)");
            }

            if (OtherErrorCount > 0)
            {
                failures.Add($"{OtherErrorCount} other error(s)");
            }

            if (Completed != Jobs)
            {
                failures.Add($"{Jobs - Completed} of {Jobs} job(s) did not complete");
            }

            failures.AddRange(Devices.Where(d => !d.WithinLimit).Select(d =>
                $"GPU {d.Index}: peak used {GpuBytes.Format(d.PeakUsedBytes)} exceeds total − headroom {GpuBytes.Format(d.LimitBytes)}"));
            return failures;
        }
    }

    /// <summary>Whether the gate kept every job within the device.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>The report lines.</summary>
    /// <returns>Human-readable text, one fact a line.</returns>
    public string Format()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"fit allocator: {Allocator}");
        Line($"fit jobs: {Jobs} declaring {GpuBytes.Format(DeclaredBytes)} in all ({(double)DeclaredBytes / Devices.Sum(d => d.TotalBytes):0.00}× the devices' memory; target {GpuBytes.Format(TargetBytes)})");
        Line($"fit admitted: {Admitted}, waited: {Waited}, rejected: {Rejected}, completed: {Completed}, max admission wait {MaxAdmissionWait.TotalMilliseconds:0.0} ms, elapsed {Elapsed.TotalSeconds:0.00} s");
        Line($"fit OOM errors: {OutOfMemoryErrors}");
        Line($"fit other errors: {OtherErrorCount}");
        foreach (var error in ErrorSamples)
        {
            Line($"  {error}");
        }

        foreach (var d in Devices)
        {
            Line($"fit GPU {d.Index} ({d.Name}): peak used {GpuBytes.Format(d.PeakUsedBytes)} vs budget {GpuBytes.Format(d.BudgetAtStartBytes)} vs total {GpuBytes.Format(d.TotalBytes)}");
            Line($"  used at start {GpuBytes.Format(d.UsedAtStartBytes)}; peak allocated by jobs {GpuBytes.Format(d.PeakAllocatedBytes)}; peak reserved {GpuBytes.Format(d.PeakReservedBytes)}; limit (total − headroom) {GpuBytes.Format(d.LimitBytes)}; {d.Readings} readings");
        }

        var failures = Failures;
        Line($"fit verdict: {(failures.Count == 0 ? "PASS" : "FAIL: " + string.Join("; ", failures))}");
        return text.ToString();
    }
}
