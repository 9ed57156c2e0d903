using System.Diagnostics;
using SysProcess = System.Diagnostics.Process;
using System.Globalization;
using Dspex.Interop.Process.Native;

namespace Dspex.Interop.Process.Tests;

/// <summary>Workers never outlive their host, even one killed with SIGKILL.</summary>
public sealed class OrphanTests
{
    [Fact]
    public void A_host_killed_with_SIGKILL_leaves_no_worker_behind()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Dspex.HostKill.dll");
        Assert.True(File.Exists(host), $"{host} was not built beside the tests");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(host);
        info.ArgumentList.Add("3");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", "dspex_worker.py"));
        info.ArgumentList.Add(Workers.FixtureDirectory);
        using var process = SysProcess.Start(info)!;
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("pids ", StringComparison.Ordinal))
        {
            process.Kill();
            Assert.Fail($"host said '{line}', stderr: {process.StandardError.ReadToEnd()}");
        }
        var pids = line[5..].Split(' ').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, pids.Length);
        Assert.All(pids, pid => Assert.True(Workers.IsAlive(pid), $"worker {pid} is not running before the host is killed"));

        LibC.Signal(process.Id, LibC.SIGKILL);
        process.WaitForExit();

        foreach (var pid in pids)
        {
            Workers.WaitUntil(() => !Workers.IsAlive(pid), TimeSpan.FromSeconds(10), $"worker {pid} died with its host");
        }
    }
}
