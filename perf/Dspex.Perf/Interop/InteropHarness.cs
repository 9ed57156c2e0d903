using Dspex.Interop;

namespace Dspex.Perf.Interop;

/// <summary>Starts the embedded runtime once per process and builds the three clients over the same module.</summary>
internal sealed class InteropHarness
{
    private static readonly Lazy<InteropHarness> s_shared = new(() => new InteropHarness());

    private InteropHarness()
    {
        var runtime = PythonRuntime.Start(new PythonRuntimeOptions { SearchPaths = [FixturesFolder()] });
        Dspex = new DspexClient(runtime);
        Raw = new RawClient(runtime);
        Pythonnet = new PythonnetClient(runtime.Environment.LibraryPath);
    }

    public static InteropHarness Shared => s_shared.Value;

    public DspexClient Dspex { get; }

    public RawClient Raw { get; }

    public PythonnetClient Pythonnet { get; }

    private static string FixturesFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "python", "fixtures");
                if (File.Exists(Path.Combine(candidate, "math_ops.py")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("python/fixtures/math_ops.py not found above the benchmark's folder.");
    }
}
