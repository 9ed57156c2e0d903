namespace Dspex.Load;

/// <summary>
/// Durations and rates of the head-of-line suite; <see cref="Quick"/> fits in about 90 s on 2 cores. The set-ups
/// run in <see cref="Rounds"/> interleaved rounds and each reports the median of its rounds' p99, so that a
/// stall of the shared machine during one round does not decide the comparison.
/// </summary>
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
    TimeSpan StarvationMeasure,
    int Rounds)
{
    public static HolSettings Quick { get; } = new(
        TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2.5), 200, 50, 8,
        TimeSpan.FromMilliseconds(0.5), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(200),
        1000, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8), 5);

    public static HolSettings Full { get; } = Quick with
    {
        WarmUp = TimeSpan.FromSeconds(2),
        Measure = TimeSpan.FromSeconds(10),
        Rounds = 7,
        RateCheckMeasure = TimeSpan.FromSeconds(20),
        StarvationMeasure = TimeSpan.FromSeconds(30),
    };
}
