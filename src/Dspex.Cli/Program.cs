using Spectre.Console;

namespace Dspex.Cli;

/// <summary>The <c>dspex</c> command.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // A file or pipe has no width; the default 80 columns would wrap the result tables.
            console.Profile.Width = 160;
        }

        return DspexCommand.InvokeAsync(args, console, Console.Out);
    }
}
