namespace Dspex.Interop.Generators.Tests;

public sealed class SnapshotTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", name));

    [Fact]
    public void Math_ops_module_generates_the_snapshotted_interface_and_implementation()
    {
        var run = GeneratorHarness.Run(("/repo/python/fixtures/math_ops.py", Fixture("math_ops.py")));
        var generated = Assert.Single(run.Sources);
        Assert.Equal("MathOps.g.cs", generated.Key);

        var snapshotPath = Path.Combine(AppContext.BaseDirectory, "Snapshots", "MathOps.g.cs.txt");
        if (Environment.GetEnvironmentVariable("DSPEX_UPDATE_SNAPSHOTS") == "1")
        {
            var source = Path.Combine(FindTestsFolder(), "Snapshots", "MathOps.g.cs.txt");
            File.WriteAllText(source, generated.Value);
            return;
        }

        Assert.Equal(File.ReadAllText(snapshotPath).ReplaceLineEndings(), generated.Value.ReplaceLineEndings());
    }

    [Fact]
    public void Generated_code_compiles_without_errors()
    {
        var run = GeneratorHarness.Run(("/repo/python/fixtures/math_ops.py", Fixture("math_ops.py")));
        Assert.Empty(run.CompileErrors);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "DSPEX002");
    }

    [Fact]
    public void Interop_fixture_with_untyped_and_variadic_functions_still_compiles()
    {
        var run = GeneratorHarness.Run(("/repo/python/fixtures/interop_fixture.py", Fixture("interop_fixture.py")));
        Assert.Empty(run.CompileErrors);
        Assert.Contains("public interface IInteropFixture", run.Sources.Values.Single(), StringComparison.Ordinal);
    }

    private static string FindTestsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "Dspex.Interop.Generators.Tests");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Dspex.Interop.Generators.Tests");
    }
}
