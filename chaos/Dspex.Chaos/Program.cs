using Dspex.Chaos;

// Kills worker processes under a mixed workload and proves nothing is lost: exit code 0 only when every check holds.
ChaosSettings settings;
try
{
    settings = ChaosSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

Console.WriteLine($"chaos run: {settings.Jobs} jobs over {settings.SubmitDuration.TotalSeconds:0} s, optimizer {settings.OptimizerSize} process workers, general {settings.GeneralSize} in-process workers, a kill every {settings.KillIntervalMin.TotalMilliseconds:0}-{settings.KillIntervalMax.TotalMilliseconds:0} ms, seed {settings.Seed}");
var result = await new ChaosRun(settings, Console.Out).RunAsync();
var verdicts = ChaosChecks.Evaluate(result);
ChaosReport.Write(result, verdicts, Console.Out);
return verdicts.All(v => v.Passed || !v.Gating) ? 0 : 1;
