namespace Dspex.Interop;

/// <summary>How the embedded interpreter is started.</summary>
public sealed class PythonRuntimeOptions
{
    /// <summary>The Python to embed; when null, <see cref="PythonEnvironment.Locate"/> chooses one.</summary>
    public PythonEnvironment? Environment { get; init; }

    /// <summary>Folders added to the end of <c>sys.path</c> (e.g. the project's <c>python/</c> folder).</summary>
    public IReadOnlyList<string> SearchPaths { get; init; } = [];
}
