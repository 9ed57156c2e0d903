using Dspex.Interop;

namespace Dspex.Interop.Tests;

[Collection(EmbeddedPython.Name)]
public sealed class ErrorTests(PythonFixture python)
{
    [Fact]
    public void Python_exception_carries_type_message_and_traceback()
    {
        var error = Assert.Throws<PythonException>(() => Call.Action(python.Function("fail_plain")));
        Assert.Equal("ValueError", error.PythonType);
        Assert.Equal("bad value 42", error.PythonMessage);
        Assert.Equal("ValueError: bad value 42", error.Message);
        Assert.NotNull(error.PythonTraceback);
        Assert.Contains("interop_fixture.py", error.PythonTraceback, StringComparison.Ordinal);
        Assert.Contains("in fail_plain", error.PythonTraceback, StringComparison.Ordinal);
        Assert.Contains("raise ValueError", error.PythonTraceback, StringComparison.Ordinal);
        Assert.Null(error.Cause);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Fact]
    public void Explicit_cause_is_chained()
    {
        var error = Assert.Throws<PythonException>(() => Call.Action(python.Function("fail_chained")));
        Assert.Equal("RuntimeError", error.PythonType);
        var cause = Assert.IsType<PythonException>(error.InnerException);
        Assert.Same(cause, error.Cause);
        Assert.Equal("KeyError", cause.PythonType);
        Assert.Equal("'missing'", cause.PythonMessage);
        Assert.Contains("in _inner", cause.PythonTraceback, StringComparison.Ordinal);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Fact]
    public void Implicit_context_is_chained_too()
    {
        var error = Assert.Throws<PythonException>(() => Call.Action(python.Function("fail_context")));
        Assert.Equal("TypeError", error.PythonType);
        Assert.Equal("KeyError", error.Cause?.PythonType);
    }

    [Fact]
    public void Failed_import_names_the_module()
    {
        var error = Assert.Throws<PythonException>(() => python.Runtime.Import("no_such_module_xyz"));
        Assert.Equal("ModuleNotFoundError", error.PythonType);
        Assert.Contains("no_such_module_xyz", error.Message, StringComparison.Ordinal);
        Assert.False(Call.ErrorIndicatorSet());
    }

    [Fact]
    public void Missing_attribute_is_an_attribute_error()
    {
        var error = Assert.Throws<PythonException>(() => python.Module.GetAttribute("nope"));
        Assert.Equal("AttributeError", error.PythonType);
    }

    [Fact]
    public void Wrong_argument_count_is_a_type_error_and_the_interpreter_stays_usable()
    {
        var error = Assert.Throws<PythonException>(() => Call.Action(python.Function("add")));
        Assert.Equal("TypeError", error.PythonType);
        Assert.Equal(5L, Call.Invoke<long, Int64Converter, long, Int64Converter>(python.Function("echo"), 5));
    }

    [Fact]
    public void Exception_text_includes_the_python_traceback()
    {
        var error = Assert.Throws<PythonException>(() => Call.Action(python.Function("fail_plain")));
        Assert.Contains("--- Python traceback ---", error.ToString(), StringComparison.Ordinal);
    }
}
