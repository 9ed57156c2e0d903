using System.Collections;
using System.Runtime.CompilerServices;

namespace Dspex.Interop.Process;

/// <summary>
/// A Python tuple decoded without a target type. Kept distinct from a list so that it goes back to Python
/// as a tuple (it is an <see cref="ITuple"/>), and structurally equal so that it works as a dictionary key.
/// </summary>
internal sealed class PyTuple : IReadOnlyList<object?>, ITuple, IEquatable<PyTuple>
{
    private readonly object?[] _items;

    public PyTuple(object?[] items) => _items = items;

    public int Count => _items.Length;

    int ITuple.Length => _items.Length;

    public object? this[int index] => _items[index];

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(PyTuple? other)
    {
        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PyTuple);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "(" + string.Join(", ", _items) + (_items.Length == 1 ? ",)" : ")");
}
