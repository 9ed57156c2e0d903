using System.CommandLine;
using Spectre.Console;

namespace Dspex.Cli;

/// <summary>Builds and runs the <c>dspex</c> command tree; usage errors exit with 2.</summary>
internal static class DspexCommand
{
    public static RootCommand Create(IAnsiConsole console, TextWriter output)
    {
        var config = new Option<string?>("--config", "-c")
        {
            Description = $"Configuration file (JSON, settings under \"Dspex\"); default: DSPEX_CONFIG, else ./{ConfigFile.DefaultName} when present.",
            Recursive = true,
        };
        return new RootCommand("dspex: route Python module executions (DSPy programs, optimizers, retrievers) to pools built for their kind of work.")
        {
            config,
            DemoCommand.Create(console, output),
            RunCommand.Create(console, output, config),
            DoctorCommand.Create(console, config),
            PoolsCommand.Create(console, config),
        };
    }

    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole console, TextWriter output)
    {
        var root = Create(console, output);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"dspex: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'dspex --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output }).ConfigureAwait(false);
    }
}
