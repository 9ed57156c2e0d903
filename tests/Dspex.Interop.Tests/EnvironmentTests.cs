using System.Text.Json;
using Dspex.Interop;

namespace Dspex.Interop.Tests;

[Collection(EmbeddedPython.Name)]
public sealed class EnvironmentTests(PythonFixture python)
{
    [Fact]
    public void Runtime_embeds_the_python_the_environment_chose()
    {
        var expected = Environment.GetEnvironmentVariable("DSPEX_PYTHON");
        var environment = python.Runtime.Environment;
        Assert.InRange(new Version(environment.Version.Major, environment.Version.Minor), PythonEnvironment.MinimumVersion, PythonEnvironment.MaximumVersion);
        Assert.True(File.Exists(environment.LibraryPath), environment.LibraryPath);
        Assert.Contains("libpython", environment.LibraryPath, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(expected))
        {
            Assert.Equal(expected, environment.Executable);
        }

        Assert.Contains(PythonFixture.FixturesFolder(), python.Runtime.SearchPaths);
    }

    [Fact]
    public void Embedded_sys_version_matches_the_probed_interpreter()
    {
        using var sys = python.Runtime.Import("sys");
        using var version = sys.GetAttribute("version_info");
        var (major, minor, micro) = Call.Invoke<PythonObject, ObjectConverter, (long, long, long), Slice3>(python.Function("echo"), version);
        Assert.Equal(python.Runtime.Environment.Version, new Version((int)major, (int)minor, (int)micro));
    }

    [Fact]
    public void Numpy_c_extension_loads_in_the_embedded_interpreter()
    {
        using var numpy = python.Runtime.Import("numpy");
        Assert.NotNull(numpy.GetAttribute("ndarray"));
    }

    [Fact]
    public void Missing_interpreter_is_a_clear_error()
    {
        var error = Assert.Throws<PythonEnvironmentException>(() => PythonEnvironment.FromInterpreter("/no/such/python3"));
        Assert.Contains("/no/such/python3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_that_is_not_a_venv_is_a_clear_error()
    {
        var error = Assert.Throws<PythonEnvironmentException>(() => PythonEnvironment.FromInterpreter(Path.GetTempPath()));
        Assert.Contains("not a venv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Static_build_is_reported_with_what_to_install()
    {
        var probe = Probe("3.11.4", shared: 0, ldlibrary: "libpython3.11.a", instsoname: "libpython3.11.a");
        var error = Assert.Throws<PythonEnvironmentException>(() => PythonEnvironment.FromProbe("/opt/py/bin/python3", probe));
        Assert.Contains("static build", error.Message, StringComparison.Ordinal);
        Assert.Contains("libpython3.11", error.Message, StringComparison.Ordinal);
        Assert.Contains("--enable-shared", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.8.18")]
    [InlineData("3.14.0")]
    public void Unsupported_version_is_reported(string version)
    {
        var probe = Probe(version, shared: 1, ldlibrary: "libpython.so", instsoname: "libpython.so");
        var error = Assert.Throws<PythonEnvironmentException>(() => PythonEnvironment.FromProbe("/opt/py/bin/python3", probe));
        Assert.Contains(version, error.Message, StringComparison.Ordinal);
        Assert.Contains("3.9–3.13", error.Message, StringComparison.Ordinal);
    }

    private static JsonElement Probe(string version, int shared, string ldlibrary, string instsoname)
        => JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = version,
            ["executable"] = "/opt/py/bin/python3",
            ["prefix"] = "/opt/py",
            ["base_prefix"] = "/opt/py",
            ["base_exec_prefix"] = "/opt/py",
            ["shared"] = shared,
            ["ldlibrary"] = ldlibrary,
            ["instsoname"] = instsoname,
            ["libdir"] = "/opt/py/lib",
            ["multiarch"] = null,
            ["path"] = Array.Empty<string>(),
        })).RootElement;

    /// <summary>sys.version_info is a struct sequence, not a tuple subclass exactly 3 long: read its first three items.</summary>
    private readonly struct Slice3 : IPythonConverter<(long, long, long)>
    {
        public static PyRef ToPython((long, long, long) value) => throw new NotSupportedException();

        public static (long, long, long) FromPython(scoped in PyRef value)
        {
            using var major = value.GetAttribute("major");
            using var minor = value.GetAttribute("minor");
            using var micro = value.GetAttribute("micro");
            return (major.ToInt64(), minor.ToInt64(), micro.ToInt64());
        }
    }
}
