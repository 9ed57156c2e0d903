using System.CommandLine;
using Spectre.Console;

namespace Dspex.Cli;

/// <summary><c>dspex doctor</c>: Python, libpython, numpy, dspy, GPUs and the configuration file, each with a fix.</summary>
internal static class DoctorCommand
{
    public static Command Create(IAnsiConsole console, Option<string?> config)
    {
        var command = new Command("doctor", "Check the Python, libpython, numpy, dspy, NVIDIA GPUs and the configuration file; print a fix for each problem.");
        command.SetAction(parse =>
        {
            var checks = Doctor.Run(parse.GetValue(config));
            var table = new Table().Border(TableBorder.Rounded).AddColumns("check", "status", "found", "fix");
            foreach (var check in checks)
            {
                var status = check.Level switch
                {
                    DoctorLevel.Ok => "[green]ok[/]",
                    DoctorLevel.Warn => "[yellow]warn[/]",
                    _ => "[red]FAIL[/]",
                };
                table.AddRow(check.Name, status, Markup.Escape(check.Found), Markup.Escape(check.Fix ?? ""));
            }

            console.Write(table);
            var failures = checks.Count(c => c.Level == DoctorLevel.Fail);
            console.WriteLine(failures == 0 ? "dspex doctor: everything needed is in place." : $"dspex doctor: {failures} problem(s) to fix.");
            return failures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
