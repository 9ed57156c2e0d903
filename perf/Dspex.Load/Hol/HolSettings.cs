namespace Dspex.Load;

/// <summary>Durations and rates of the head-of-line suite; <see cref="Quick"/> fits in about 90 s on 2 cores.</summary>
internal sealed record HolSettings(
    TimeSpan WarmUp,
    TimeSpan Measure,
    int GeneralRate,
    int NeuralRate,
    int FloodCopies,
    TimeSpan GeneralWork,
    TimeSpan NeuralWork,
    TimeSpan OptimizerWork,
    int RateCheckRate,
    TimeSpan RateCheckMeasure,
    TimeSpan StarvationMeasure)
{
    public static HolSettings Quick { get; } = new(
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(12), 200, 50, 8,
        TimeSpan.FromMilliseconds(0.5), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(200),
        1000, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8));

    public static HolSettings Full { get; } = Quick with
    {
        WarmUp = TimeSpan.FromSeconds(5),
        Measure = TimeSpan.FromSeconds(40),
        RateCheckMeasure = TimeSpan.FromSeconds(20),
        StarvationMeasure = TimeSpan.FromSeconds(30),
    };
}
