using Dspex.Interop;

namespace Dspex.Interop.Tests;

[Collection(EmbeddedPython.Name)]
public sealed class BufferTests(PythonFixture python)
{
    private readonly PythonObject _make = python.Function("numpy_array");

    private PythonObject Array(string kind, long n) => Call.Object(_make, kind, n);

    [Fact]
    public void Float32_array_is_read_without_copying()
    {
        using var array = Array("float32", 1000);
        using var buffer = array.OpenBuffer<float>();
        Assert.Equal(1000, buffer.Length);
        Assert.Equal(1, buffer.Rank);
        Assert.Equal(1000, buffer.GetLength(0));
        Assert.Equal(999f, buffer.Span[999]);
        Assert.Equal(Enumerable.Range(0, 1000).Sum(i => (double)i), buffer.Span.ToArray().Sum(f => (double)f));
    }

    [Fact]
    public void Float64_array_is_written_in_place_and_python_sees_the_change()
    {
        using var array = Array("float64", 8);
        using (var buffer = array.OpenBuffer<double>(PythonBufferAccess.Write))
        {
            Assert.Equal(3.5, buffer.Span[7]);
            buffer.WritableSpan.Fill(2.0);
        }

        Assert.Equal(16.0, Call.Invoke<PythonObject, ObjectConverter, double, DoubleConverter>(python.Function("array_sum"), array));
    }

    [Fact]
    public void Int64_array_reads_negative_values()
    {
        using var array = Array("int64", 5);
        using var buffer = array.OpenBuffer<long>();
        Assert.Equal([-3L, -2, -1, 0, 1], buffer.Span.ToArray());
    }

    [Fact]
    public void Two_dimensional_c_contiguous_array_exposes_its_shape()
    {
        using var array = Array("matrix", 4);
        using var buffer = array.OpenBuffer<double>();
        Assert.Equal(2, buffer.Rank);
        Assert.Equal(4, buffer.GetLength(0));
        Assert.Equal(3, buffer.GetLength(1));
        Assert.Equal(12, buffer.Length);
        Assert.Equal(11.0, buffer.Span[11]);
    }

    [Fact]
    public void Wrong_element_type_is_refused_naming_format_and_type()
    {
        using var array = Array("float32", 4);
        var error = Assert.Throws<PythonConversionException>(() =>
        {
            using var buffer = array.OpenBuffer<double>();
        });
        Assert.Equal("numpy.ndarray", error.PythonType);
        Assert.Contains("'f'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Double", error.Message, StringComparison.Ordinal);

        using var ints = Array("int32", 4);
        Assert.Throws<PythonConversionException>(() =>
        {
            using var buffer = ints.OpenBuffer<long>();
        });
        Assert.False(PythonGil.IsHeld);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Theory]
    [InlineData("strided")]
    [InlineData("transposed")]
    public void Non_contiguous_array_is_refused(string kind)
    {
        using var array = Array(kind, 4);
        var error = Assert.Throws<PythonConversionException>(() =>
        {
            using var buffer = array.OpenBuffer<double>();
        });
        Assert.Contains("not C-contiguous", error.Message, StringComparison.Ordinal);
        Assert.False(PythonGil.IsHeld);
    }

    [Fact]
    public void Read_only_array_cannot_be_opened_for_writing()
    {
        using var array = Array("readonly", 4);
        using (var read = array.OpenBuffer<double>())
        {
            Assert.False(read.IsWritable);
            try
            {
                _ = read.WritableSpan;
                Assert.Fail("WritableSpan of a read-only buffer must throw.");
            }
            catch (InvalidOperationException)
            {
            }
        }

        var error = Assert.Throws<PythonConversionException>(() =>
        {
            using var write = array.OpenBuffer<double>(PythonBufferAccess.Write);
        });
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Fact]
    public void Object_without_buffer_protocol_is_refused()
    {
        using var text = Call.Object(python.Function("echo"), "not a buffer");
        var error = Assert.Throws<PythonConversionException>(() =>
        {
            using var buffer = text.OpenBuffer<byte>();
        });
        Assert.Equal("str", error.PythonType);
    }

    [Fact]
    public void Reading_a_buffer_allocates_nothing_proportional_to_its_size()
    {
        using var array = Array("float64", 131_072);
        double Sum()
        {
            using var buffer = array.OpenBuffer<double>();
            var total = 0.0;
            foreach (var value in buffer.Span)
            {
                total += value;
            }

            return total;
        }

        Sum();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = Sum();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(131_071.0 * 131_072 / 2 * 0.5, sum);
        Assert.True(allocated < 1024, $"opening a 1 MB buffer allocated {allocated} bytes");
    }
}
