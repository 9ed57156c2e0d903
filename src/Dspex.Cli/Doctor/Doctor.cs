using Dspex.Gpu;
using Dspex.Scheduler;

namespace Dspex.Cli;

/// <summary>The checks of <c>dspex doctor</c>.</summary>
internal static class Doctor
{
    public static IReadOnlyList<DoctorCheck> Run(string? configOption)
    {
        var checks = new List<DoctorCheck>();
        var requested = PythonProbe.Locate();
        var probe = PythonProbe.Run(requested);
        if (probe.Error is not null)
        {
            checks.Add(new DoctorCheck("python", DoctorLevel.Fail, $"'{requested}' {probe.Error}",
                "install Python 3.9+ (e.g. apt-get install python3), or point DSPEX_PYTHON at an interpreter or a virtual environment"));
        }
        else
        {
            checks.Add(new DoctorCheck("python", DoctorLevel.Ok, $"{probe.Executable} (Python {probe.Version}; from {Source()})"));
            checks.Add(probe.LibPythonFound
                ? new DoctorCheck("libpython", DoctorLevel.Ok, probe.LibPython!)
                : new DoctorCheck("libpython", DoctorLevel.Warn, $"not found (looked for {probe.LibPython})",
                    $"only the embedded executor needs it; install the shared library (e.g. apt-get install libpython{Major(probe.Version)})"));
            checks.Add(probe.NumpyVersion is { } numpy && !numpy.StartsWith("broken", StringComparison.Ordinal)
                ? new DoctorCheck("numpy", DoctorLevel.Ok, numpy)
                : new DoctorCheck("numpy", DoctorLevel.Warn, probe.NumpyVersion ?? "not installed",
                    $"optional: the built-in embedder falls back to pure Python; install it with '{probe.Executable} -m pip install numpy' (or apt-get install python3-numpy)"));
            checks.Add(probe.DspyVersion is { } dspy && !dspy.StartsWith("broken", StringComparison.Ordinal)
                ? new DoctorCheck("dspy", DoctorLevel.Ok, dspy)
                : new DoctorCheck("dspy", DoctorLevel.Warn, probe.DspyVersion ?? "not installed",
                    $"optional: the demo and the built-in modules run without it; for DSPy programs run '{probe.Executable} -m pip install dspy'"));
        }

        checks.Add(Gpus());
        checks.Add(Config(configOption));
        return checks;
    }

    private static string Source() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DSPEX_PYTHON")) ? "DSPEX_PYTHON"
        : !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("VIRTUAL_ENV")) ? "VIRTUAL_ENV"
        : "PATH";

    private static string Major(string? version) => version is null ? "3" : string.Join('.', version.Split('.').Take(2));

    private static DoctorCheck Gpus()
    {
        using var admission = GpuAdmission.Create(new GpuOptions());
        if (!admission.HasDevices)
        {
            return new DoctorCheck("gpu", DoctorLevel.Warn, $"no NVIDIA GPU: {admission.UnavailableReason ?? "NVML reports no devices"}",
                "optional: neural jobs run on CPU; for GPUs install the NVIDIA driver (libnvidia-ml.so.1)");
        }

        var devices = admission.Devices.Select(d => $"#{d.Index} {d.Name} {d.TotalBytes / (1024 * 1024)} MiB ({d.UsedBytes / (1024 * 1024)} MiB used)");
        return new DoctorCheck("gpu", DoctorLevel.Ok, string.Join("; ", devices));
    }

    private static DoctorCheck Config(string? option)
    {
        var path = ConfigFile.Locate(option);
        if (path is null)
        {
            return new DoctorCheck("config", DoctorLevel.Ok, $"no file (no --config, DSPEX_CONFIG or ./{ConfigFile.DefaultName}); the defaults apply");
        }

        try
        {
            var options = ConfigFile.Read(path);
            _ = new DspexScheduler(options);
            return new DoctorCheck("config", DoctorLevel.Ok, $"{path}: valid ({options.Pools.Count} pools, {options.Routing.Rules.Count} rules)");
        }
        catch (DspexConfigurationException ex)
        {
            return new DoctorCheck("config", DoctorLevel.Fail, $"{path}: {string.Join(" | ", ex.Problems)}",
                "fix or remove the settings named; 'dspex pools' shows the effective configuration");
        }
    }
}
