namespace Dspex.Interop.Process;

/// <summary>The one-byte tag in front of every value on the worker channel (mirrors <c>python/dspex_worker.py</c>).</summary>
internal enum WireTag : byte
{
    None = 0,
    False = 1,
    True = 2,
    Int64 = 3,
    BigInt = 4,
    Float64 = 5,
    Str = 6,
    Bytes = 7,
    List = 8,
    Tuple = 9,
    Dict = 10,
}
