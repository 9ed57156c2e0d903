namespace Dspex.Interop;

/// <summary>Whether a buffer is opened for reading only or for writing too.</summary>
public enum PythonBufferAccess
{
    /// <summary>Read-only access; any exporter qualifies.</summary>
    Read,

    /// <summary>Read and write access; a read-only exporter (e.g. bytes) is refused.</summary>
    Write,
}
