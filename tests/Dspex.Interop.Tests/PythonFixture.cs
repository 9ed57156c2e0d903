using Dspex.Interop;

namespace Dspex.Interop.Tests;

/// <summary>Starts the process's one embedded CPython for every test class of the collection.</summary>
public sealed class PythonFixture : IDisposable
{
    public PythonFixture()
    {
        Runtime = PythonRuntime.Start(new PythonRuntimeOptions { SearchPaths = [FixturesFolder()] });
        Module = Runtime.Import("interop_fixture");
    }

    public PythonRuntime Runtime { get; }

    public PythonObject Module { get; }

    public PythonObject Function(string name) => Module.GetAttribute(name);

    public void Dispose()
    {
        Module.Dispose();
        Runtime.Dispose();
    }

    internal static string FixturesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "python", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("python/fixtures not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedPython : ICollectionFixture<PythonFixture>
{
    public const string Name = "embedded python";
}
