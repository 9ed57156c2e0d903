namespace Dspex.Chaos;

/// <summary>One check of a chaos run: its name, whether it held, and the figures behind the verdict.</summary>
internal sealed record CheckVerdict(string Name, bool Passed, string Detail);
