using System.CommandLine;
using System.Globalization;
using Dspex.Scheduler;
using Spectre.Console;

namespace Dspex.Cli;

/// <summary><c>dspex pools</c>: the effective pools (defaults refined by the configuration file) and routing rules.</summary>
internal static class PoolsCommand
{
    public static Command Create(IAnsiConsole console, Option<string?> config)
    {
        var command = new Command("pools", "Print the effective pool configuration and routing rules (defaults refined by the configuration file).");
        command.SetAction(parse =>
        {
            var path = ConfigFile.Locate(parse.GetValue(config));
            DspexOptions options;
            try
            {
                options = ConfigFile.Read(path);
                _ = new DspexScheduler(options);
            }
            catch (DspexConfigurationException ex)
            {
                Console.Error.WriteLine($"dspex pools: invalid configuration:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", ex.Problems));
                return ExitCodes.Usage;
            }

            console.MarkupLine($"configuration: {Markup.Escape(path ?? "defaults (no file)")}");
            var pools = new Table().Border(TableBorder.Rounded).AddColumns("pool", "size", "overflow", "queue", "priorities", "queue timeout", "isolation", "nice", "policy");
            foreach (var (name, pool) in options.Pools.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                pools.AddRow(
                    name,
                    pool.Size.ToString(CultureInfo.InvariantCulture),
                    pool.MaxOverflow.ToString(CultureInfo.InvariantCulture),
                    pool.QueueCapacity.ToString(CultureInfo.InvariantCulture),
                    pool.PriorityLevels.ToString(CultureInfo.InvariantCulture),
                    pool.QueueTimeout == Timeout.InfiniteTimeSpan ? "none" : pool.QueueTimeout.ToString(),
                    pool.Isolation.ToString(),
                    pool.WorkerNice.ToString(CultureInfo.InvariantCulture),
                    pool.WorkerSchedulingPolicy.ToString());
            }

            console.Write(pools);
            var rules = new Table().Border(TableBorder.Rounded).AddColumns("#", "rule", "pool");
            for (var i = 0; i < options.Routing.Rules.Count; i++)
            {
                var rule = options.Routing.Rules[i];
                var what = rule.Pattern is not null ? $"name matches '{rule.Pattern}'" : rule.Namespace is not null ? $"namespace contains '{rule.Namespace}'" : $"declared category '{rule.Category}'";
                rules.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(what), rule.Pool);
            }

            rules.AddRow("", "anything else (default pool)", options.Routing.DefaultPool);
            console.Write(rules);
            console.MarkupLine($"shared overflow: {(options.SharedOverflow.Enabled ? "on" : "off")}; a job's explicit pool wins over every rule; a module's declared category (Python side) comes first.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
