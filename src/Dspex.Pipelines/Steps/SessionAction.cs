namespace Dspex.Pipelines;

/// <summary>What a <see cref="PythonStep"/> with a session does.</summary>
public enum SessionAction
{
    /// <summary>Calls the session's live instance (or one of its methods) on the worker that holds it.</summary>
    Call,

    /// <summary>Creates the instance (<c>bridge.create(module, kwargs)</c>) and remembers the worker that holds it.</summary>
    Create,
}
