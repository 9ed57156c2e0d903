using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;
using Dspex.Interop.Process.Native;

namespace Dspex.Interop.Process;

/// <summary>
/// Reads length-prefixed frames from the worker's stdout with blocking reads into one reusable buffer:
/// a small response usually arrives in a single <c>read</c> call. With a busy-poll budget, a read that would
/// block first polls the pipe for up to that long, so an answer that comes back quickly is picked up by a
/// running thread instead of one the kernel has to wake (tens of microseconds on a virtual machine).
/// </summary>
internal sealed class FrameReader
{
    private const int HeaderSize = 9;
    private const int MaxFrame = 1 << 30;
    private readonly Stream _stream;
    private readonly SafePipeHandle? _pipe;
    private readonly long _pollTicks;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private int _frameLength;

    /// <param name="stream">The worker's stdout.</param>
    /// <param name="busyPoll">How long a read that would block polls first; zero blocks at once. Needs a pipe.</param>
    public FrameReader(Stream stream, TimeSpan busyPoll = default)
    {
        _stream = stream;
        if (busyPoll > TimeSpan.Zero && stream is PipeStream pipe)
        {
            _pipe = pipe.SafePipeHandle;
            _pollTicks = (long)(busyPoll.TotalSeconds * Stopwatch.Frequency);
        }
    }

    public FrameKind Kind { get; private set; }

    public uint Id { get; private set; }

    /// <summary>The current frame's payload; valid until the next <see cref="Next"/>.</summary>
    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(_start + HeaderSize, _frameLength - HeaderSize);

    /// <summary>Reads the next frame; <see langword="false"/> at end of stream (the worker closed its side or died).</summary>
    public bool Next()
    {
        _start += _frameLength;
        _frameLength = 0;
        if (!Fill(4))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start));
        if (length is < HeaderSize - 4 or > MaxFrame)
        {
            throw new InvalidDataException($"Malformed frame from the Python worker: length {length}.");
        }

        if (!Fill(4 + (int)length))
        {
            return false;
        }

        _frameLength = 4 + (int)length;
        Kind = (FrameKind)_buffer[_start + 4];
        Id = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start + 5));
        return true;
    }

    private bool Fill(int needed)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }

        while (_end - _start < needed)
        {
            if (_start + needed > _buffer.Length)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
                if (needed > _buffer.Length)
                {
                    Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
                }
            }

            if (_pipe is not null)
            {
                PollBriefly(_pipe);
            }

            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n <= 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }

    private void PollBriefly(SafePipeHandle pipe)
    {
        var added = false;
        try
        {
            pipe.DangerousAddRef(ref added);
            var fd = (int)pipe.DangerousGetHandle();
            var deadline = Stopwatch.GetTimestamp() + _pollTicks;
            while (!LibC.Readable(fd) && Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(8);
            }
        }
        catch (ObjectDisposedException)
        {
            // The worker is being disposed: the read below reports it.
        }
        finally
        {
            if (added)
            {
                pipe.DangerousRelease();
            }
        }
    }
}
