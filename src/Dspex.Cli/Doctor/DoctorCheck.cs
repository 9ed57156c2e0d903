namespace Dspex.Cli;

/// <summary>One line of <c>dspex doctor</c>: what was checked, what was found, and the fix when it is wrong.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Level">ok, warn (optional feature missing) or fail (the demo or pipelines cannot run).</param>
/// <param name="Found">What was found.</param>
/// <param name="Fix">How to fix it; null when nothing needs fixing.</param>
internal sealed record DoctorCheck(string Name, DoctorLevel Level, string Found, string? Fix = null);

/// <summary>How bad a doctor finding is.</summary>
internal enum DoctorLevel
{
    Ok,
    Warn,
    Fail,
}
