namespace Dspex.Scheduler;

/// <summary>Checks scheduler options; every problem is one line naming the configuration key and the bad value.</summary>
internal static class DspexOptionsValidation
{
    public static List<string> Validate(DspexOptions options, string root)
    {
        var problems = new List<string>();
        if (options.Pools is null || options.Pools.Count == 0)
        {
            problems.Add($"{root}:Pools must name at least one pool.");
            return problems;
        }

        var known = string.Join(", ", options.Pools.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, pool) in options.Pools)
        {
            var key = $"{root}:Pools:{name}";
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"{root}:Pools has a pool with an empty name.");
            }

            if (pool is null)
            {
                problems.Add($"{key} has no settings.");
                continue;
            }

            AtLeast(problems, $"{key}:Size", pool.Size, 1);
            AtLeast(problems, $"{key}:MaxOverflow", pool.MaxOverflow, 0);
            AtLeast(problems, $"{key}:QueueCapacity", pool.QueueCapacity, 1);
            if (pool.QueueCapacity > 1 << 24)
            {
                problems.Add($"{key}:QueueCapacity must be at most {1 << 24} (was {pool.QueueCapacity}).");
            }

            if (pool.PriorityLevels is < 1 or > 16)
            {
                problems.Add($"{key}:PriorityLevels must be between 1 and 16 (was {pool.PriorityLevels}).");
            }
            else if (pool.DefaultPriority is { } p && (p < 0 || p >= pool.PriorityLevels))
            {
                problems.Add($"{key}:DefaultPriority must be between 0 and {pool.PriorityLevels - 1} (was {p}).");
            }

            AtLeast(problems, $"{key}:AgingLimit", pool.AgingLimit, 1);
            AtLeast(problems, $"{key}:MaxCrashRetries", pool.MaxCrashRetries, 0);
            AtLeast(problems, $"{key}:MaxRequestsPerWorker", pool.MaxRequestsPerWorker, 0);
            AtLeast(problems, $"{key}:MaxWorkerMemoryMb", pool.MaxWorkerMemoryMb, 0);
            Positive(problems, $"{key}:QueueTimeout", pool.QueueTimeout);
            Positive(problems, $"{key}:IdleTimeout", pool.IdleTimeout);
            Positive(problems, $"{key}:MaxWorkerAge", pool.MaxWorkerAge);
            if (pool.WorkerNice is < -20 or > 19)
            {
                problems.Add($"{key}:WorkerNice must be between -20 and 19 (was {pool.WorkerNice}).");
            }

            AtLeast(problems, $"{key}:WorkerReservedCpus", pool.WorkerReservedCpus, 0);
            if (pool.WorkerCpus is { } cpus && !CpuList.TryParse(cpus, out _, out var cpuError))
            {
                problems.Add($"{key}:WorkerCpus '{cpus}' is not a CPU list: {cpuError}.");
            }

            Defined(problems, $"{key}:FullMode", pool.FullMode);
            Defined(problems, $"{key}:Isolation", pool.Isolation);
            Defined(problems, $"{key}:WorkerSchedulingPolicy", pool.WorkerSchedulingPolicy);
        }

        var routing = options.Routing ?? new RoutingOptions();
        if (!options.Pools.ContainsKey(routing.DefaultPool ?? ""))
        {
            problems.Add($"{root}:Routing:DefaultPool names unknown pool '{routing.DefaultPool}' (known: {known}).");
        }

        var rules = routing.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var key = $"{root}:Routing:Rules:{i}";
            var matchers = (rule.Pattern is null ? 0 : 1) + (rule.Namespace is null ? 0 : 1) + (rule.Category is null ? 0 : 1);
            if (matchers != 1)
            {
                problems.Add($"{key} must set exactly one of Pattern, Namespace and Category (it sets {matchers}).");
            }

            if (rule.Pattern is { Length: 0 } || rule.Namespace is { Length: 0 } || rule.Category is { Length: 0 })
            {
                problems.Add($"{key} has an empty matcher.");
            }

            if (!options.Pools.ContainsKey(rule.Pool ?? ""))
            {
                problems.Add($"{key}:Pool names unknown pool '{rule.Pool}' (known: {known}).");
            }
        }

        var overflow = options.SharedOverflow ?? new SharedOverflowOptions();
        if (overflow.Enabled)
        {
            AtLeast(problems, $"{root}:SharedOverflow:Capacity", overflow.Capacity, 1);
            if (!(overflow.RefillPerSecond > 0) || double.IsInfinity(overflow.RefillPerSecond))
            {
                problems.Add($"{root}:SharedOverflow:RefillPerSecond must be a positive number (was {overflow.RefillPerSecond}).");
            }
        }

        if (options.ShutdownGracePeriod < TimeSpan.Zero && options.ShutdownGracePeriod != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{root}:ShutdownGracePeriod must not be negative (was {options.ShutdownGracePeriod}).");
        }

        return problems;
    }

    private static void AtLeast(List<string> problems, string key, int value, int minimum)
    {
        if (value < minimum)
        {
            problems.Add($"{key} must be at least {minimum} (was {value}).");
        }
    }

    private static void Positive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{key} must be positive or infinite (was {value}).");
        }
    }

    private static void Defined<TEnum>(List<string> problems, string key, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add($"{key} must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (was {value}).");
        }
    }
}
