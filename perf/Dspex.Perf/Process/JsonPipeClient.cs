using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;

namespace Dspex.Perf.Process;

/// <summary>The baseline's host side: 4-byte length + JSON request/reply over the child's stdin/stdout.</summary>
internal sealed class JsonPipeClient : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly byte[] _header = new byte[4];
    private byte[] _body = new byte[4096];

    public JsonPipeClient(string python, string script)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        _process = System.Diagnostics.Process.Start(info)!;
        _input = _process.StandardInput.BaseStream;
        _output = _process.StandardOutput.BaseStream;
    }

    public JsonElement Call(string module, string function, params object[] args)
    {
        var request = JsonSerializer.SerializeToUtf8Bytes(new { module, function, args });
        BinaryPrimitives.WriteUInt32LittleEndian(_header, (uint)request.Length);
        _input.Write(_header);
        _input.Write(request);
        _input.Flush();
        _output.ReadExactly(_header);
        var n = (int)BinaryPrimitives.ReadUInt32LittleEndian(_header);
        if (n > _body.Length)
        {
            _body = new byte[n];
        }

        _output.ReadExactly(_body, 0, n);
        using var reply = JsonDocument.Parse(_body.AsMemory(0, n));
        return reply.RootElement.GetProperty("result").Clone();
    }

    public void Dispose()
    {
        _input.Dispose();
        _process.WaitForExit(2000);
        _process.Dispose();
    }
}
