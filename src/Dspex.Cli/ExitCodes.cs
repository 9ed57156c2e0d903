namespace Dspex.Cli;

/// <summary>The command's exit codes, by CLI convention.</summary>
internal static class ExitCodes
{
    /// <summary>It did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>It ran and something failed (a check, a pipeline, the demo's Python).</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input file was wrong.</summary>
    public const int Usage = 2;
}
