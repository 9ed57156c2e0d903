using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Dspex.Scheduler;

/// <summary>Reads <see cref="DspexOptions"/> from a configuration section, refusing keys it does not know.</summary>
public static class DspexConfiguration
{
    /// <summary>Creates options from a section such as <c>configuration.GetSection("Dspex")</c>.</summary>
    /// <param name="section">The section.</param>
    /// <returns>The options: defaults refined by the section.</returns>
    /// <exception cref="DspexConfigurationException">An unknown key or an invalid value; each is named.</exception>
    public static DspexOptions Read(IConfiguration section)
    {
        var options = new DspexOptions();
        Bind(section, options);
        var problems = DspexOptionsValidation.Validate(options, SectionPath(section));
        if (problems.Count > 0)
        {
            throw new DspexConfigurationException(problems);
        }

        return options;
    }

    /// <summary>
    /// Binds a section onto <paramref name="options"/>. Pools named in the section refine the defaults of the
    /// same name; rules given in the section replace the default rules. Unknown keys are errors.
    /// </summary>
    /// <param name="section">The section.</param>
    /// <param name="options">The options to refine.</param>
    /// <exception cref="DspexConfigurationException">An unknown key or a value that cannot be converted.</exception>
    public static void Bind(IConfiguration section, DspexOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckKeys(section, typeof(DspexOptions), problems);
        if (problems.Count > 0)
        {
            throw new DspexConfigurationException(problems);
        }

        try
        {
            foreach (var pool in section.GetSection("Pools").GetChildren())
            {
                if (!options.Pools.TryGetValue(pool.Key, out var target))
                {
                    target = new PoolOptions();
                    options.Pools[pool.Key] = target;
                }

                pool.Bind(target);
            }

            var routing = section.GetSection("Routing");
            if (routing["DefaultPool"] is { } defaultPool)
            {
                options.Routing.DefaultPool = defaultPool;
            }

            var rules = routing.GetSection("Rules");
            if (rules.GetChildren().Any())
            {
                options.Routing.Rules = rules.Get<List<RoutingRule>>() ?? [];
            }

            section.GetSection("SharedOverflow").Bind(options.SharedOverflow);
            if (section["ShutdownGracePeriod"] is not null)
            {
                options.ShutdownGracePeriod = section.GetValue<TimeSpan>("ShutdownGracePeriod");
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new DspexConfigurationException([$"{SectionPath(section)}: {ex.Message} {ex.InnerException?.Message}".TrimEnd()]);
        }
    }

    private static string SectionPath(IConfiguration section) => section is IConfigurationSection s ? s.Path : "Dspex";

    private static void CheckKeys(IConfiguration section, Type type, List<string> problems)
    {
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(TimeSpan) || Nullable.GetUnderlyingType(type) is not null || type == typeof(decimal))
        {
            foreach (var child in section.GetChildren())
            {
                problems.Add($"{child.Path} is not a known setting: its parent takes a single value.");
            }

            return;
        }

        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            foreach (var child in section.GetChildren())
            {
                CheckKeys(child, dictionary.GetGenericArguments()[1], problems);
            }

            return;
        }

        var list = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        if (list is not null || typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = list?.GetGenericArguments()[0] ?? typeof(string);
            foreach (var child in section.GetChildren())
            {
                CheckKeys(child, element, problems);
            }

            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || !p.PropertyType.IsValueType)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                CheckKeys(child, property.PropertyType, problems);
            }
            else
            {
                problems.Add($"{child.Path} is not a known setting (value '{child.Value}'); known settings here: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.");
            }
        }
    }
}
