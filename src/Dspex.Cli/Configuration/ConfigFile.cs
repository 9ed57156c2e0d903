using Dspex.Scheduler;
using Microsoft.Extensions.Configuration;

namespace Dspex.Cli;

/// <summary>
/// The configuration file the commands read: <c>--config PATH</c>, else <c>DSPEX_CONFIG</c>, else
/// <c>dspex.json</c> in the current folder when it exists. Its <c>Dspex</c> section refines the defaults.
/// </summary>
internal static class ConfigFile
{
    public const string DefaultName = "dspex.json";

    /// <summary>The file to read, or null when none is given and no default file exists.</summary>
    public static string? Locate(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        var env = Environment.GetEnvironmentVariable("DSPEX_CONFIG");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return env;
        }

        return File.Exists(DefaultName) ? Path.GetFullPath(DefaultName) : null;
    }

    /// <summary>Reads the options; the defaults when <paramref name="path"/> is null.</summary>
    /// <exception cref="DspexConfigurationException">The file is missing, not JSON, or has an unknown key or a bad value.</exception>
    public static DspexOptions Read(string? path)
    {
        if (path is null)
        {
            return new DspexOptions();
        }

        if (!File.Exists(path))
        {
            throw new DspexConfigurationException([$"{path}: the configuration file does not exist"]);
        }

        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            throw new DspexConfigurationException([$"{path}: not valid JSON: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        var unknownTop = root.GetChildren().Where(c => !string.Equals(c.Key, "Dspex", StringComparison.OrdinalIgnoreCase)).Select(c => c.Key).ToList();
        if (unknownTop.Count > 0)
        {
            throw new DspexConfigurationException([.. unknownTop.Select(k => $"{path}: '{k}' is not a known section; settings go under \"Dspex\"")]);
        }

        return DspexConfiguration.Read(root.GetSection("Dspex"));
    }
}
