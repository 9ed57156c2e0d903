namespace Dspex.Scheduler;

/// <summary>The scheduler's options are invalid; the message names each bad key and its value.</summary>
public sealed class DspexConfigurationException : DspexException
{
    /// <summary>Creates the exception from the list of problems found.</summary>
    /// <param name="problems">One line per bad key, each naming the key and the bad value.</param>
    public DspexConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid Dspex configuration: " + string.Join(" ", problems)) => Problems = problems;

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
