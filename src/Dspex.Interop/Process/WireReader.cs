using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Dspex.Interop.Process;

/// <summary>
/// Decodes tagged wire values into their natural .NET form: <see langword="null"/>, bool, long,
/// <see cref="BigInteger"/> (ints beyond 64 bits), double, string, byte[], <c>List&lt;object?&gt;</c>,
/// <see cref="PyTuple"/> and <c>Dictionary&lt;object, object?&gt;</c>.
/// </summary>
internal ref struct WireReader
{
    private const int MaxDepth = 64;
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position == _data.Length;

    public object? ReadValue() => ReadValue(0);

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Malformed($"values nested deeper than {MaxDepth} levels");
        }

        var tag = (WireTag)Take(1)[0];
        switch (tag)
        {
            case WireTag.None:
                return null;
            case WireTag.False:
                return false;
            case WireTag.True:
                return true;
            case WireTag.Int64:
                return BinaryPrimitives.ReadInt64LittleEndian(Take(8));
            case WireTag.Float64:
                return BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
            case WireTag.Str:
                return Encoding.UTF8.GetString(Take(ReadLength()));
            case WireTag.Bytes:
                return Take(ReadLength()).ToArray();
            case WireTag.BigInt:
                return new BigInteger(Take(ReadLength()), isUnsigned: false, isBigEndian: false);
            case WireTag.List:
                {
                    var n = ReadCount();
                    var list = new List<object?>(n);
                    for (var i = 0; i < n; i++)
                    {
                        list.Add(ReadValue(depth + 1));
                    }

                    return list;
                }

            case WireTag.Tuple:
                {
                    var n = ReadCount();
                    var items = new object?[n];
                    for (var i = 0; i < n; i++)
                    {
                        items[i] = ReadValue(depth + 1);
                    }

                    return new PyTuple(items);
                }

            case WireTag.Dict:
                {
                    var n = ReadCount();
                    var dict = new Dictionary<object, object?>(n);
                    for (var i = 0; i < n; i++)
                    {
                        var key = ReadValue(depth + 1) ?? throw new InvalidCastException(
                            "A Python dict with a None key cannot be represented as a .NET dictionary.");
                        dict[key] = ReadValue(depth + 1);
                    }

                    return dict;
                }

            default:
                throw Malformed($"unknown value tag {(byte)tag} at offset {_position - 1}");
        }
    }

    private int ReadLength()
    {
        var n = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        return n <= (uint)(_data.Length - _position) ? (int)n : throw Malformed($"a length of {n} bytes past the end of the frame");
    }

    // Each element takes at least one byte, so a count larger than what is left is corrupt.
    private int ReadCount() => ReadLength();

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Malformed($"a value cut short at offset {_position}");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private static InvalidDataException Malformed(string what) => new($"Malformed frame from the Python worker: {what}.");
}
