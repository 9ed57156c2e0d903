using System.Collections.Concurrent;

namespace Dspex.Scheduler;

/// <summary>
/// Chooses a pool for a job: an explicit pool wins; otherwise the first matching rule; otherwise the default
/// pool. Results for a (module, category) pair are cached, so routing a known module costs one lookup.
/// </summary>
internal sealed class Router
{
    private readonly CompiledRule[] _rules;
    private readonly string _defaultPool;
    private readonly ConcurrentDictionary<(string Module, string? Category), string> _cache = new();
    private readonly Func<(string Module, string? Category), string> _resolve;

    public Router(RoutingOptions options)
    {
        _rules = [.. options.Rules.Select(CompiledRule.Compile)];
        _defaultPool = options.DefaultPool;
        _resolve = key => Resolve(key.Module, key.Category);
    }

    /// <summary>The pool for a job that names none.</summary>
    public string RouteByRules(string module, string? category)
    {
        // Bound the cache: module names come from callers and must not grow memory without limit.
        if (_cache.TryGetValue((module, category), out var pool))
        {
            return pool;
        }

        return _cache.Count < 4096 ? _cache.GetOrAdd((module, category), _resolve) : Resolve(module, category);
    }

    private string Resolve(string module, string? category)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(module, category))
            {
                return rule.Pool;
            }
        }

        return _defaultPool;
    }

    private sealed class CompiledRule
    {
        private readonly string? _pattern;
        private readonly bool _matchWholePath;
        private readonly string? _namespace;
        private readonly string? _category;

        private CompiledRule(string? pattern, string? ns, string? category, string pool)
        {
            _pattern = pattern;
            _matchWholePath = pattern?.Contains('.', StringComparison.Ordinal) ?? false;
            _namespace = ns;
            _category = category;
            Pool = pool;
        }

        public string Pool { get; }

        public static CompiledRule Compile(RoutingRule rule) => new(rule.Pattern, rule.Namespace, rule.Category, rule.Pool);

        public bool Matches(string module, string? category)
        {
            if (_category is not null)
            {
                return category is not null && string.Equals(category, _category, StringComparison.OrdinalIgnoreCase);
            }

            if (_namespace is not null)
            {
                return InNamespace(module, _namespace);
            }

            var subject = _matchWholePath ? module.AsSpan() : LastSegment(module);
            return Glob.IsMatch(subject, _pattern);
        }

        private static ReadOnlySpan<char> LastSegment(string module)
        {
            var dot = module.LastIndexOf('.');
            return dot < 0 ? module : module.AsSpan(dot + 1);
        }

        private static bool InNamespace(string module, string ns)
        {
            var path = module.AsSpan();
            var last = path.LastIndexOf('.');
            if (last < 0)
            {
                return false;
            }

            foreach (var range in path[..last].Split('.'))
            {
                if (path[range].Equals(ns, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
