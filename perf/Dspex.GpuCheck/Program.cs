using Dspex.GpuCheck;

return await GpuCheck.RunAsync(args, Console.Out).ConfigureAwait(false);
