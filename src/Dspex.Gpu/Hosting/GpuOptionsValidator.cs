using System.Globalization;
using Microsoft.Extensions.Options;

namespace Dspex.Gpu;

/// <summary>Validates <see cref="GpuOptions"/>; every message names the key and the bad value.</summary>
internal sealed class GpuOptionsValidator : IValidateOptions<GpuOptions>
{
    /// <summary>The most devices one ledger tracks (one bit each in a 64-bit mask).</summary>
    public const int MaxDevices = 64;

    private const string Prefix = GpuOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GpuOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem with <paramref name="options"/>, one line each.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static List<string> Problems(GpuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Check(bool ok, string key, object? value, string rule)
        {
            if (!ok)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{key} is {value ?? "null"}; it {rule}."));
            }
        }

        Check(options.HeadroomBytes >= 0, nameof(options.HeadroomBytes), options.HeadroomBytes, "must be 0 or more");
        Check(options.WorkerContextBytes >= 0, nameof(options.WorkerContextBytes), options.WorkerContextBytes, "must be 0 or more");
        Check(options.WorkerContextsPerDevice >= 0, nameof(options.WorkerContextsPerDevice), options.WorkerContextsPerDevice, "must be 0 or more");
        Check(options.RefreshInterval > TimeSpan.Zero && options.RefreshInterval <= TimeSpan.FromHours(1),
            nameof(options.RefreshInterval), options.RefreshInterval, "must be more than 0 and at most 01:00:00");
        Check(Enum.IsDefined(options.PlacementPolicy), nameof(options.PlacementPolicy), options.PlacementPolicy, "must be BestFit or LeastLoaded");
        Check(Enum.IsDefined(options.NoGpuPolicy), nameof(options.NoGpuPolicy), options.NoGpuPolicy, "must be Reject or RunOnCpu");
        Check(options.BypassLimit >= 0, nameof(options.BypassLimit), options.BypassLimit, "must be 0 or more");
        Check(!string.IsNullOrWhiteSpace(options.NvmlLibraryPath), nameof(options.NvmlLibraryPath), $"'{options.NvmlLibraryPath}'", "must name a library");

        var devices = options.SimulatedDevices ?? [];
        Check(devices.Count <= MaxDevices, nameof(options.SimulatedDevices), devices.Count + " devices", $"must list at most {MaxDevices}");
        var fixedCost = options.HeadroomBytes >= 0 && options.WorkerContextBytes >= 0 && options.WorkerContextsPerDevice >= 0
            ? (long?)checked(options.FixedCostBytes)
            : null;
        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            var key = $"{nameof(options.SimulatedDevices)}:{i}";
            Check(device.TotalBytes > 0, key + ":TotalBytes", device.TotalBytes, "must be more than 0");
            if (device.TotalBytes > 0 && fixedCost is long cost)
            {
                Check(cost < device.TotalBytes, nameof(options.HeadroomBytes), options.HeadroomBytes,
                    $"plus {nameof(options.WorkerContextsPerDevice)} × {nameof(options.WorkerContextBytes)} ({cost} bytes in all) must be less than simulated device {i}'s TotalBytes ({device.TotalBytes})");
            }

            var points = device.OtherProcesses ?? [];
            for (var p = 0; p < points.Count; p++)
            {
                Check(points[p].At >= TimeSpan.Zero, $"{key}:OtherProcesses:{p}:At", points[p].At, "must be 0 or more");
                Check(points[p].Bytes >= 0, $"{key}:OtherProcesses:{p}:Bytes", points[p].Bytes, "must be 0 or more");
            }
        }

        foreach (var (pool, poolOptions) in options.Pools ?? new Dictionary<string, GpuPoolOptions>())
        {
            Check(!string.IsNullOrWhiteSpace(pool), "Pools", $"'{pool}'", "must be keyed by pool names");
            if (poolOptions?.PlacementPolicy is GpuPlacementPolicy placement)
            {
                Check(Enum.IsDefined(placement), $"Pools:{pool}:PlacementPolicy", placement, "must be BestFit or LeastLoaded");
            }

            if (poolOptions?.NoGpuPolicy is NoGpuPolicy noGpu)
            {
                Check(Enum.IsDefined(noGpu), $"Pools:{pool}:NoGpuPolicy", noGpu, "must be Reject or RunOnCpu");
            }
        }

        return problems;
    }
}
