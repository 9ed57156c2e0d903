using System.Globalization;
using Dspex.Gpu;
using Dspex.GpuCheck.Fit;

namespace Dspex.GpuCheck;

/// <summary>The command line of <c>Dspex.GpuCheck</c>.</summary>
internal sealed record CheckArguments
{
    public const string Usage = """
        usage: Dspex.GpuCheck [options]
          --factor X          declared sizes add up to X × the devices' memory (default 3)
          --min-fraction F    smallest job, fraction of the card (default 0.05)
          --max-fraction F    largest job, fraction of the card (default 0.25)
          --min-hold-ms N     shortest hold of a job's memory (default 20)
          --max-hold-ms N     longest hold (default 200)
          --pool-size N       neural pool workers (default 8)
          --seed N            seed of sizes and holds (default 5)
          --headroom-mib N    GPU headroom never handed to jobs (default 512)
          --context-mib N     memory budgeted for our CUDA context per device (default 512)
          --refresh-ms N      ledger refresh interval (default 500)
          --sample-ms N       used-memory sampling interval (default 1)
          --timeout-s N       longest the fit test may run (default 300)
          --queries N         NVML memory queries timed (default 1000)
          --no-touch          allocate without writing the memory
          --nvml-lib PATH     NVML library (default libnvidia-ml.so.1)
          --cuda-lib PATH     CUDA driver library (default libcuda.so.1)
        exit: 0 pass (or no GPU here), 1 fit test failed, 2 bad arguments
        """;

    public FitSettings Fit { get; init; } = new();

    public GpuOptions Gpu { get; init; } = new();

    public int Queries { get; init; } = 1000;

    public bool Touch { get; init; } = true;

    public string CudaLibrary { get; init; } = Dspex.Gpu.Native.CudaDriver.DefaultPath;

    public bool Help { get; init; }

    /// <summary>Parses the arguments; every problem names the option and the bad value.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="parsed">The parsed arguments.</param>
    /// <param name="problems">What was wrong.</param>
    /// <returns>Whether they were valid.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out CheckArguments parsed, out List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(args);
        var found = new List<string>();
        var fit = new FitSettings();
        var gpu = new GpuOptions();
        var result = new CheckArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                found.Add($"{name} needs a value.");
                return string.Empty;
            }

            double Number()
            {
                var text = Value();
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                {
                    return value;
                }

                if (text.Length > 0)
                {
                    found.Add($"{name} is '{text}'; it must be a number.");
                }

                return double.NaN;
            }

            int Whole()
            {
                var text = Value();
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                if (text.Length > 0)
                {
                    found.Add($"{name} is '{text}'; it must be a whole number.");
                }

                return int.MinValue;
            }

            const long MiB = 1024 * 1024;
            switch (name)
            {
                case "--factor": fit = fit with { OversubscriptionFactor = Number() }; break;
                case "--min-fraction": fit = fit with { MinJobFraction = Number() }; break;
                case "--max-fraction": fit = fit with { MaxJobFraction = Number() }; break;
                case "--min-hold-ms": fit = fit with { MinHold = Milliseconds(Whole()) }; break;
                case "--max-hold-ms": fit = fit with { MaxHold = Milliseconds(Whole()) }; break;
                case "--pool-size": fit = fit with { PoolSize = Whole() }; break;
                case "--seed": fit = fit with { Seed = Whole() }; break;
                case "--sample-ms": fit = fit with { SampleInterval = Milliseconds(Whole()) }; break;
                case "--timeout-s": fit = fit with { RunTimeout = TimeSpan.FromSeconds(Math.Max(Whole(), -1)) }; break;
                case "--headroom-mib": gpu.HeadroomBytes = (long)Whole() * MiB; break;
                case "--context-mib": gpu.WorkerContextBytes = (long)Whole() * MiB; break;
                case "--refresh-ms": gpu.RefreshInterval = Milliseconds(Whole()); break;
                case "--queries": result = result with { Queries = Whole() }; break;
                case "--no-touch": result = result with { Touch = false }; break;
                case "--nvml-lib": gpu.NvmlLibraryPath = Value(); break;
                case "--cuda-lib": result = result with { CudaLibrary = Value() }; break;
                case "--help" or "-h": result = result with { Help = true }; break;
                default: found.Add($"Unknown option '{name}'."); break;
            }
        }

        problems = found;
        if (problems.Count == 0)
        {
            problems.AddRange(fit.Problems());
            problems.AddRange(GpuOptionsValidator.Problems(gpu));
            if (result.Queries < 1)
            {
                problems.Add($"--queries is {result.Queries}; it must be 1 or more.");
            }

            if (string.IsNullOrWhiteSpace(result.CudaLibrary))
            {
                problems.Add("--cuda-lib must name a library.");
            }
        }

        parsed = result with { Fit = fit, Gpu = gpu };
        return problems.Count == 0;
    }

    // An int.MinValue (unparsable) or negative count stays negative, so validation names the option.
    private static TimeSpan Milliseconds(int value) => value == int.MinValue ? TimeSpan.FromMilliseconds(-1) : TimeSpan.FromMilliseconds(value);
}
