using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dspex.Interop.Process;

/// <summary>Encodes .NET values as tagged wire values into a reusable, growable buffer.</summary>
internal sealed class WireWriter
{
    private const int MaxDepth = 64;
    private byte[] _buffer;
    private int _length;

    public WireWriter(int initialCapacity = 256) => _buffer = new byte[initialCapacity];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] Buffer => _buffer;

    public void Reset() => _length = 0;

    /// <summary>Starts a frame: a length placeholder, the kind and the id. <see cref="EndFrame"/> fills the length.</summary>
    public void BeginFrame(FrameKind kind, uint id)
    {
        _length = 0;
        var span = Grow(9);
        span[4] = (byte)kind;
        BinaryPrimitives.WriteUInt32LittleEndian(span[5..], id);
    }

    public void EndFrame() => BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)(_length - 4));

    public void WriteValue(object? value) => WriteValue(value, 0);

    public void WriteTag(WireTag tag) => Grow(1)[0] = (byte)tag;

    public void WriteCount(WireTag tag, int count)
    {
        var span = Grow(5);
        span[0] = (byte)tag;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], (uint)count);
    }

    public void WriteString(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = Grow(5 + max);
        var n = Encoding.UTF8.GetBytes(value, span[5..]);
        span[0] = (byte)WireTag.Str;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], (uint)n);
        _length -= max - n;
    }

    private void WriteValue(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The value nests deeper than {MaxDepth} levels (a cycle?); it cannot be sent to Python.");
        }

        switch (value)
        {
            case null:
                WriteTag(WireTag.None);
                break;
            case bool b:
                WriteTag(b ? WireTag.True : WireTag.False);
                break;
            case long l:
                WriteInt64(l);
                break;
            case int i:
                WriteInt64(i);
                break;
            case short s:
                WriteInt64(s);
                break;
            case sbyte sb:
                WriteInt64(sb);
                break;
            case byte by:
                WriteInt64(by);
                break;
            case ushort us:
                WriteInt64(us);
                break;
            case uint ui:
                WriteInt64(ui);
                break;
            case ulong ul:
                WriteBigInteger(ul);
                break;
            case BigInteger big:
                WriteBigInteger(big);
                break;
            case double d:
                WriteFloat64(d);
                break;
            case float f:
                WriteFloat64(f);
                break;
            case string str:
                WriteString(str);
                break;
            case char c:
                WriteString(c.ToString());
                break;
            case byte[] bytes:
                WriteBytes(bytes);
                break;
            case ReadOnlyMemory<byte> rom:
                WriteBytes(rom.Span);
                break;
            case Memory<byte> mem:
                WriteBytes(mem.Span);
                break;
            case ITuple tuple:
                WriteCount(WireTag.Tuple, tuple.Length);
                for (var i = 0; i < tuple.Length; i++)
                {
                    WriteValue(tuple[i], depth + 1);
                }

                break;
            case IDictionary dict:
                WriteCount(WireTag.Dict, dict.Count);
                foreach (DictionaryEntry entry in dict)
                {
                    WriteValue(entry.Key, depth + 1);
                    WriteValue(entry.Value, depth + 1);
                }

                break;
            case IList list:
                WriteCount(WireTag.List, list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    WriteValue(list[i], depth + 1);
                }

                break;
            case IEnumerable sequence:
                WriteSequence(sequence, depth);
                break;
            default:
                throw new ArgumentException(
                    $"A value of type {value.GetType().FullName} cannot be sent to Python (supported: null, bool, integers, " +
                    "BigInteger, float, double, string, byte[], lists, dictionaries, tuples).");
        }
    }

    private void WriteSequence(IEnumerable sequence, int depth)
    {
        // Read-only dictionaries that are not IDictionary enumerate KeyValuePair<,>: send them as dicts.
        var items = new List<object?>();
        foreach (var item in sequence)
        {
            items.Add(item);
        }

        var type = sequence.GetType();
        var isPairs = type.GetInterfaces().Any(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        if (!isPairs)
        {
            WriteCount(WireTag.List, items.Count);
            foreach (var item in items)
            {
                WriteValue(item, depth + 1);
            }

            return;
        }

        WriteCount(WireTag.Dict, items.Count);
        foreach (var pair in items)
        {
            var pairType = pair!.GetType();
            WriteValue(pairType.GetProperty("Key")!.GetValue(pair), depth + 1);
            WriteValue(pairType.GetProperty("Value")!.GetValue(pair), depth + 1);
        }
    }

    private void WriteInt64(long value)
    {
        var span = Grow(9);
        span[0] = (byte)WireTag.Int64;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], value);
    }

    private void WriteBigInteger(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            WriteInt64((long)value);
            return;
        }

        var n = value.GetByteCount(isUnsigned: false);
        var span = Grow(5 + n);
        span[0] = (byte)WireTag.BigInt;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], (uint)n);
        value.TryWriteBytes(span[5..], out _, isUnsigned: false, isBigEndian: false);
    }

    private void WriteFloat64(double value)
    {
        var span = Grow(9);
        span[0] = (byte)WireTag.Float64;
        BinaryPrimitives.WriteDoubleLittleEndian(span[1..], value);
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        var span = Grow(5 + bytes.Length);
        span[0] = (byte)WireTag.Bytes;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], (uint)bytes.Length);
        bytes.CopyTo(span[5..]);
    }

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
