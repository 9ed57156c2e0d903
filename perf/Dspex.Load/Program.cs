using Dspex.Load;

// dspex load harness: `hol [--quick] [--out DIR]` runs the head-of-line suite.
if (args.Length == 0 || args[0] != "hol")
{
    Console.Error.WriteLine("usage: Dspex.Load hol [--quick] [--out DIR]");
    return 2;
}

var settings = HolSettings.Full;
var output = Path.Combine(AppContext.BaseDirectory, "../../../reports");
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            settings = HolSettings.Quick;
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        default:
            Console.Error.WriteLine($"unknown option '{args[i]}'; usage: Dspex.Load hol [--quick] [--out DIR]");
            return 2;
    }
}

return await HolSuite.RunAsync(settings, Path.GetFullPath(output)).ConfigureAwait(false);
