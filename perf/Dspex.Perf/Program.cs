using Dspex.Perf.Dispatch;
using Dspex.Perf.Gpu;
using Dspex.Perf.Interop;
using Dspex.Perf.Process;

// Benchmark suites; each ends with one line of figures, every figure beside a baseline run in the same process.
//   dotnet run -c Release --project perf/Dspex.Perf -- dispatch --quick
//   dotnet run -c Release --project perf/Dspex.Perf -- gpu --quick
//   dotnet run -c Release --project perf/Dspex.Perf -- process --quick
var suite = args.Length > 0 ? args[0] : "";
var rest = args.Length > 0 ? args[1..] : [];
return suite switch
{
    "dispatch" => DispatchSuite.Run(rest),
    "gpu" => GpuSuite.Run(rest),
    "process" => ProcessSuite.Run(rest),
    "interop" => InteropSuite.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Dspex.Perf <dispatch|gpu|process> [--quick]");
    return 2;
}
