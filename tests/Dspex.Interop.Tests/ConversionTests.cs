using Dspex.Interop;

namespace Dspex.Interop.Tests;

[Collection(EmbeddedPython.Name)]
public sealed class ConversionTests(PythonFixture python)
{
    private readonly PythonObject _echo = python.Function("echo");
    private readonly PythonObject _typeName = python.Function("type_name");
    private readonly PythonObject _describe = python.Function("describe");

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Long_round_trips_through_python_int(long value)
    {
        Assert.Equal(value, Call.RoundTrip<long, Int64Converter>(_echo, value));
        Assert.Equal("int", Call.Invoke<long, Int64Converter, string, StringConverter>(_typeName, value));
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Call.Describe<long, Int64Converter>(_describe, value));
    }

    [Fact]
    public void Python_int_beyond_long_range_is_an_overflow_error_naming_both_types()
    {
        var big = Call.Object(python.Function("add"), long.MaxValue, 1L);
        var error = Assert.Throws<OverflowException>(() => Call.Invoke<PythonObject, ObjectConverter, long, Int64Converter>(_echo, big));
        Assert.Contains("int", error.Message, StringComparison.Ordinal);
        Assert.Contains("Int64", error.Message, StringComparison.Ordinal);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Double_round_trips_through_python_float(double value)
    {
        Assert.Equal(value, Call.RoundTrip<double, DoubleConverter>(_echo, value));
        Assert.Equal("float", Call.Invoke<double, DoubleConverter, string, StringConverter>(_typeName, value));
    }

    [Fact]
    public void NaN_round_trips()
        => Assert.True(double.IsNaN(Call.RoundTrip<double, DoubleConverter>(_echo, double.NaN)));

    [Theory]
    [InlineData(true, "True")]
    [InlineData(false, "False")]
    public void Bool_round_trips_through_python_bool(bool value, string repr)
    {
        Assert.Equal(value, Call.RoundTrip<bool, BooleanConverter>(_echo, value));
        Assert.Equal(repr, Call.Describe<bool, BooleanConverter>(_describe, value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("grüße, 日本語, emoji 🐍, nul \0 inside")]
    public void String_round_trips_through_python_str(string value)
    {
        Assert.Equal(value, Call.RoundTrip<string, StringConverter>(_echo, value));
        Assert.Equal("str", Call.Invoke<string, StringConverter, string, StringConverter>(_typeName, value));
    }

    [Fact]
    public void Long_string_uses_the_pooled_path_and_round_trips()
    {
        var value = string.Concat(Enumerable.Repeat("ß🐍x", 5000));
        Assert.Equal(value, Call.RoundTrip<string, StringConverter>(_echo, value));
    }

    [Fact]
    public void Python_str_length_counts_code_points()
    {
        var len = python.Function("describe");
        Assert.Equal("'🐍'", Call.Describe<string, StringConverter>(len, "🐍"));
    }

    [Fact]
    public void Bytes_round_trip_including_empty_and_all_byte_values()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.Equal(all, Call.RoundTrip<byte[], BytesConverter>(_echo, all));
        Assert.Empty(Call.RoundTrip<byte[], BytesConverter>(_echo, []));
        Assert.Equal("bytes", Call.Invoke<byte[], BytesConverter, string, StringConverter>(_typeName, all));
    }

    [Fact]
    public void Lists_round_trip_including_empty_and_nested()
    {
        IReadOnlyList<long> flat = [1, -2, long.MaxValue];
        Assert.Equal(flat, Call.RoundTrip<IReadOnlyList<long>, ListConverter<long, Int64Converter>>(_echo, flat));
        Assert.Empty(Call.RoundTrip<IReadOnlyList<long>, ListConverter<long, Int64Converter>>(_echo, []));

        IReadOnlyList<IReadOnlyList<string>> nested = [["a", "b"], [], ["ü"]];
        var back = Call.RoundTrip<IReadOnlyList<IReadOnlyList<string>>, ListConverter<IReadOnlyList<string>, ListConverter<string, StringConverter>>>(_echo, nested);
        Assert.Equal(3, back.Count);
        Assert.Equal(["a", "b"], back[0]);
        Assert.Empty(back[1]);
        Assert.Equal("[['a', 'b'], [], ['ü']]", Call.Describe<IReadOnlyList<IReadOnlyList<string>>, ListConverter<IReadOnlyList<string>, ListConverter<string, StringConverter>>>(_describe, nested));
    }

    [Fact]
    public void Dicts_round_trip_including_empty_and_nested()
    {
        IReadOnlyDictionary<string, long> flat = new Dictionary<string, long> { ["one"] = 1, ["größe"] = long.MinValue };
        var back = Call.RoundTrip<IReadOnlyDictionary<string, long>, DictConverter<string, StringConverter, long, Int64Converter>>(_echo, flat);
        Assert.Equal(flat.OrderBy(p => p.Key), back.OrderBy(p => p.Key));
        Assert.Empty(Call.RoundTrip<IReadOnlyDictionary<string, long>, DictConverter<string, StringConverter, long, Int64Converter>>(_echo, new Dictionary<string, long>()));

        IReadOnlyDictionary<long, IReadOnlyList<double>> nested = new Dictionary<long, IReadOnlyList<double>> { [1] = [0.5, 1.5], [2] = [] };
        var nestedBack = Call.RoundTrip<IReadOnlyDictionary<long, IReadOnlyList<double>>, DictConverter<long, Int64Converter, IReadOnlyList<double>, ListConverter<double, DoubleConverter>>>(_echo, nested);
        Assert.Equal([0.5, 1.5], nestedBack[1]);
        Assert.Empty(nestedBack[2]);
    }

    [Fact]
    public void Tuples_round_trip_as_value_tuples()
    {
        Assert.Equal(("x", 3L), Call.RoundTrip<(string, long), TupleConverter<string, StringConverter, long, Int64Converter>>(_echo, ("x", 3L)));
        Assert.Equal((1.5, true, "z"), Call.RoundTrip<(double, bool, string), TupleConverter<double, DoubleConverter, bool, BooleanConverter, string, StringConverter>>(_echo, (1.5, true, "z")));
        Assert.Equal((1L, "b", 2.5, false), Call.RoundTrip<(long, string, double, bool), TupleConverter<long, Int64Converter, string, StringConverter, double, DoubleConverter, bool, BooleanConverter>>(_echo, (1L, "b", 2.5, false)));
        Assert.Equal((1L, 2L, 3L, 4L, 5L, 6L, "7"), Call.RoundTrip<(long, long, long, long, long, long, string), TupleConverter<long, Int64Converter, long, Int64Converter, long, Int64Converter, long, Int64Converter, long, Int64Converter, long, Int64Converter, string, StringConverter>>(_echo, (1L, 2L, 3L, 4L, 5L, 6L, "7")));
        Assert.Equal("tuple", Call.Invoke<(string, long), TupleConverter<string, StringConverter, long, Int64Converter>, string, StringConverter>(_typeName, ("x", 3L)));
    }

    [Fact]
    public void Optional_maps_none_to_null_both_ways()
    {
        Assert.Null(Call.RoundTrip<long?, NullableConverter<long, Int64Converter>>(_echo, null));
        Assert.Equal(7L, Call.RoundTrip<long?, NullableConverter<long, Int64Converter>>(_echo, 7L));
        Assert.Null(Call.RoundTrip<string?, OptionalConverter<string, StringConverter>>(_echo, null));
        Assert.Equal("s", Call.RoundTrip<string?, OptionalConverter<string, StringConverter>>(_echo, "s"));
        Assert.Equal("NoneType", Call.Invoke<long?, NullableConverter<long, Int64Converter>, string, StringConverter>(_typeName, null));
        IReadOnlyList<long?> withHoles = [1, null, 3];
        Assert.Equal(withHoles, Call.RoundTrip<IReadOnlyList<long?>, ListConverter<long?, NullableConverter<long, Int64Converter>>>(_echo, withHoles));
    }

    [Fact]
    public void Conversion_error_names_expected_csharp_type_and_actual_python_type()
    {
        var error = Assert.Throws<PythonConversionException>(() => Call.Invoke<string, StringConverter, long, Int64Converter>(_echo, "text"));
        Assert.Equal(typeof(long), error.ExpectedType);
        Assert.Equal("str", error.PythonType);
        Assert.Contains("Int64", error.Message, StringComparison.Ordinal);
        Assert.Contains("str", error.Message, StringComparison.Ordinal);
        Assert.False(Call.ErrorIndicatorSet());

        var notBool = Assert.Throws<PythonConversionException>(() => Call.Invoke<long, Int64Converter, bool, BooleanConverter>(_echo, 1));
        Assert.Equal("int", notBool.PythonType);

        var notList = Assert.Throws<PythonConversionException>(() => Call.Invoke<long, Int64Converter, IReadOnlyList<long>, ListConverter<long, Int64Converter>>(_echo, 1));
        Assert.Contains("IReadOnlyList", notList.Message, StringComparison.Ordinal);

        var wrongArity = Assert.Throws<PythonConversionException>(() => Call.Invoke<(string, long), TupleConverter<string, StringConverter, long, Int64Converter>, (string, long, bool), TupleConverter<string, StringConverter, long, Int64Converter, bool, BooleanConverter>>(_echo, ("a", 1)));
        Assert.Contains("expected 3 items, got 2", wrongArity.Message, StringComparison.Ordinal);

        var notStr = Assert.Throws<PythonConversionException>(() => Call.Invoke<double, DoubleConverter, string, StringConverter>(_echo, 1.0));
        Assert.Equal("float", notStr.PythonType);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Fact]
    public void Keyword_arguments_reach_python()
    {
        var greet = python.Function("greet");
        using var punctuation = python.Runtime.Intern("punctuation");
        using var greeting = python.Runtime.Intern("greeting");
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(PyRef.FromString("Ada"));
            args.AddKeyword(punctuation, PyRef.FromString("?"));
            args.AddKeyword(greeting, PyRef.FromString("hi"));
            using var result = greet.Invoke(ref args);
            Assert.Equal("hi, Ada?", result.ToManagedString());
        }
        finally
        {
            args.Dispose();
        }
    }
}
