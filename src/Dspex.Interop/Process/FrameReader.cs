using System.Buffers.Binary;

namespace Dspex.Interop.Process;

/// <summary>
/// Reads length-prefixed frames from the worker's stdout with blocking reads into one reusable buffer:
/// a small response usually arrives in a single <c>read</c> call.
/// </summary>
internal sealed class FrameReader
{
    private const int HeaderSize = 9;
    private const int MaxFrame = 1 << 30;
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private int _frameLength;

    public FrameReader(Stream stream) => _stream = stream;

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

            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n <= 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }
}
