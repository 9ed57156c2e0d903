using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dspex.Interop.Process.Tests;

/// <summary>Values, typed conversions and error shapes through a real python3 worker.</summary>
public sealed class ChannelTests : IClassFixture<SharedWorkerFixture>
{
    private readonly SharedWorkerFixture _shared;

    public ChannelTests(SharedWorkerFixture shared) => _shared = shared;

    [Property(MaxTest = 150)]
    public Property Any_value_echoed_by_Python_comes_back_the_same() =>
        Prop.ForAll(WireValues.Arbitrary(), value =>
            WireValues.Same(value, _shared.With(m => m.Call<object?>("echo", value))));

    [Fact]
    public void Scalars_convert_to_their_CSharp_types()
    {
        Assert.Equal(42L, _shared.With(m => m.Call<long>("make", "int")));
        Assert.Equal(42, _shared.With(m => m.Call<int>("make", "int")));
        Assert.Equal(2.5, _shared.With(m => m.Call<double>("make", "float")));
        Assert.True(_shared.With(m => m.Call<bool>("make", "bool")));
        Assert.Equal("héllo ✓", _shared.With(m => m.Call<string>("make", "str")));
        Assert.Equal(new byte[] { 0, 255 }, _shared.With(m => m.Call<byte[]>("make", "bytes")));
        Assert.Null(_shared.With(m => m.Call<long?>("make", "none")));
        Assert.Equal(42L, _shared.With(m => m.Call<long?>("make", "int")));
        Assert.Equal(5.0, _shared.With(m => m.Call<double>("add", 2, 3)));
    }

    [Fact]
    public void Collections_and_tuples_convert_to_their_CSharp_types()
    {
        Assert.Equal([1L, 2L, 3L], _shared.With(m => m.Call<IReadOnlyList<long>>("make", "list")));
        Assert.Equal([1L, 2L, 3L], _shared.With(m => m.Call<long[]>("make", "list")));
        var dict = _shared.With(m => m.Call<IReadOnlyDictionary<string, long>>("make", "dict"));
        Assert.Equal(2L, dict["b"]);
        Assert.Equal((7L, "seven"), _shared.With(m => m.Call<(long, string)>("make", "tuple")));
        var nested = _shared.With(m => m.Call<IReadOnlyDictionary<string, IReadOnlyList<(long, double)?>>>("make", "nested"));
        Assert.Equal((1L, 2.0), nested["k"][0]);
        Assert.Null(nested["k"][1]);
    }

    [Fact]
    public void Arguments_keep_their_Python_types()
    {
        Assert.Equal("tuple", _shared.With(m => m.Call<string>("type_name", (1, 2))));
        Assert.Equal("list", _shared.With(m => m.Call<string>("type_name", new List<int> { 1 })));
        Assert.Equal("dict", _shared.With(m => m.Call<string>("type_name", new Dictionary<string, int>())));
        Assert.Equal("bytes", _shared.With(m => m.Call<string>("type_name", new byte[] { 1 })));
        Assert.Equal("int", _shared.With(m => m.Call<string>("type_name", BigInteger.Pow(10, 30))));
        Assert.Equal("NoneType", _shared.With(m => m.Call<string>("type_name", [null])));
    }

    [Fact]
    public void Keyword_arguments_reach_the_function()
    {
        var result = _shared.With(m => m.CallWithKeywords<IReadOnlyList<object?>>(
            "kwargs_echo", [1L, "two"], new Dictionary<string, object?> { ["flag"] = true, ["n"] = null }));
        Assert.Equal([1L, "two"], Assert.IsType<List<object?>>(result[0]));
        var kwargs = Assert.IsType<Dictionary<object, object?>>(result[1]);
        Assert.Equal(true, kwargs["flag"]);
        Assert.Null(kwargs["n"]);
    }

    [Fact]
    public void A_big_int_converts_to_BigInteger_and_overflows_long_with_a_clear_error()
    {
        Assert.Equal(BigInteger.One << 100, _shared.With(m => m.Call<BigInteger>("big")));
        var ex = Assert.Throws<OverflowException>(() => _shared.With(m => m.Call<long>("big")));
        Assert.Contains("dspex_fixture.big", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1267650600228229401496703205376", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_of_the_wrong_type_names_the_function_and_both_types()
    {
        var ex = Assert.Throws<InvalidCastException>(() => _shared.With(m => m.Call<long>("make", "str")));
        Assert.Contains("dspex_fixture.make", ex.Message, StringComparison.Ordinal);
        Assert.Contains("str", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Int64", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => _shared.With(m => m.Call<long>("make", "none")));
    }

    [Fact]
    public void A_Python_exception_carries_type_message_and_traceback()
    {
        var ex = Assert.Throws<PythonProcessException>(() => _shared.With(m => m.Call<long>("fail", "bad input")));
        Assert.Equal("ValueError", ex.PythonType);
        Assert.Equal("bad input", ex.PythonMessage);
        Assert.Equal("ValueError: bad input", ex.Message);
        Assert.Contains("in fail", ex.PythonTraceback, StringComparison.Ordinal);
        Assert.Contains("dspex_fixture.py", ex.PythonTraceback, StringComparison.Ordinal);
        Assert.Equal("dspex_fixture.fail", ex.Function);
        Assert.Empty(ex.Causes);
    }

    [Fact]
    public void A_chained_Python_exception_lists_its_causes()
    {
        var ex = Assert.Throws<PythonProcessException>(() => _shared.With(m => m.Call<long>("fail_chained")));
        Assert.Equal("dspex_fixture.FixtureError", ex.PythonType);
        var cause = Assert.Single(ex.Causes);
        Assert.Equal("KeyError", cause.PythonType);
        Assert.Equal("'missing'", cause.PythonMessage);
        Assert.Same(cause, ex.InnerException);
    }

    [Fact]
    public void A_result_Python_cannot_send_is_an_error_naming_its_type_and_the_worker_stays_usable()
    {
        var ex = Assert.Throws<PythonProcessException>(() => _shared.With(m => m.Call<object>("make", "set")));
        Assert.Contains("'set'", ex.PythonMessage, StringComparison.Ordinal);
        Assert.Equal(3L, _shared.With(m => m.Call<long>("add", 1, 2)));
    }

    [Fact]
    public void A_missing_function_or_module_is_a_Python_error()
    {
        Assert.Equal("AttributeError", Assert.Throws<PythonProcessException>(() => _shared.With(m => m.Call<long>("no_such_function"))).PythonType);
        var missing = Assert.Throws<PythonProcessException>(() =>
            _shared.With(m => new ProcessPythonModule(m.Worker, "no_such_module_here").Call<long>("f")));
        Assert.Equal("ModuleNotFoundError", missing.PythonType);
    }

    [Fact]
    public void An_argument_that_cannot_be_sent_names_its_position_and_type()
    {
        var ex = Assert.Throws<ArgumentException>(() => _shared.With(m => m.Call<long>("echo", new object())));
        Assert.Contains("Argument 0 of dspex_fixture.echo", ex.Message, StringComparison.Ordinal);
        Assert.Contains("System.Object", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3L, _shared.With(m => m.Call<long>("add", 1, 2)));
    }

    [Fact]
    public void Large_payloads_travel_whole()
    {
        var big = new byte[3 * 1024 * 1024];
        new Random(5).NextBytes(big);
        Assert.Equal(big, _shared.With(m => m.Call<byte[]>("echo", big)));
    }
}
