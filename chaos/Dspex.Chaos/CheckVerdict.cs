namespace Dspex.Chaos;

/// <summary>
/// One check of a chaos run: its name, whether it held, and the figures behind the verdict. A check that is
/// not <paramref name="Gating"/> is a measurement with a known race in what it can observe: it is printed
/// (INFO when it did not hold) but does not fail the run.
/// </summary>
internal sealed record CheckVerdict(string Name, bool Passed, string Detail, bool Gating = true);
