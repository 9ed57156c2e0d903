namespace Dspex.Load;

/// <summary>One threshold checked against one scenario's stats.</summary>
internal sealed record ThresholdResult(string Scenario, Threshold Threshold, double Measured, bool Passed)
{
    public string Message => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{(Passed ? "passed" : "FAILED")}: scenario '{Scenario}' threshold '{Threshold.Text}': measured {Threshold.Metric} = {Measured:0.###}{Threshold.UnitSuffix}");
}
