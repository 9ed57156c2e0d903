namespace Dspex.Interop;

/// <summary>Matches PEP 3118 struct-module format codes to C# element types.</summary>
internal static class BufferFormats
{
    internal static bool Matches<T>(string format, int itemSize)
        where T : unmanaged
    {
        var code = format;
        if (code.Length > 0 && code[0] is '@' or '=' or '<' or '>' or '!')
        {
            var bigEndian = code[0] is '>' or '!';
            if (bigEndian == BitConverter.IsLittleEndian)
            {
                return false;
            }

            code = code[1..];
        }

        if (code.Length != 1)
        {
            return false;
        }

        var c = code[0];
        return typeof(T) switch
        {
            var t when t == typeof(float) => c == 'f',
            var t when t == typeof(double) => c == 'd',
            var t when t == typeof(long) => c == 'q' || (c == 'l' && itemSize == 8),
            var t when t == typeof(ulong) => c == 'Q' || (c == 'L' && itemSize == 8),
            var t when t == typeof(int) => c == 'i' || (c == 'l' && itemSize == 4),
            var t when t == typeof(uint) => c == 'I' || (c == 'L' && itemSize == 4),
            var t when t == typeof(short) => c == 'h',
            var t when t == typeof(ushort) => c == 'H',
            var t when t == typeof(byte) => c is 'B' or 'c',
            var t when t == typeof(sbyte) => c == 'b',
            _ => false,
        };
    }

    internal static char CodeOf<T>()
        where T : unmanaged
        => typeof(T) switch
        {
            var t when t == typeof(float) => 'f',
            var t when t == typeof(double) => 'd',
            var t when t == typeof(long) => 'q',
            var t when t == typeof(ulong) => 'Q',
            var t when t == typeof(int) => 'i',
            var t when t == typeof(uint) => 'I',
            var t when t == typeof(short) => 'h',
            var t when t == typeof(ushort) => 'H',
            var t when t == typeof(byte) => 'B',
            var t when t == typeof(sbyte) => 'b',
            _ => '?',
        };
}
