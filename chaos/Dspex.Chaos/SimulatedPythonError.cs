namespace Dspex.Chaos;

/// <summary>
/// Thrown by general-pool jobs in place of an in-process Python call that raises: the embedded-Python
/// executor is not on this branch, and the scheduler treats any job exception the same way.
/// </summary>
internal sealed class SimulatedPythonError : Exception
{
    public SimulatedPythonError()
    {
    }

    public SimulatedPythonError(string message)
        : base(message)
    {
    }

    public SimulatedPythonError(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
