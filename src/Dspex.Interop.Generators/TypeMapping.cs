using System;
using System.Collections.Generic;

namespace Dspex.Interop.Generators;

/// <summary>A C# type for a Python hint and the converter expression that reads and writes it.</summary>
internal sealed record MappedType(string CSharp, string Converter, bool IsValueType, bool IsVoid = false)
{
    internal static readonly MappedType Object = new("global::Dspex.Interop.PythonObject", "global::Dspex.Interop.ObjectConverter", false);
}

/// <summary>Maps Python type hints to C# types and converters; an unsupported hint maps to <see cref="MappedType.Object"/>.</summary>
internal static class TypeMapping
{
    private const string Ns = "global::Dspex.Interop.";

    // Hints that are deliberately opaque objects: buffers (read with OpenBuffer) and untyped values.
    private static readonly HashSet<string> s_objectHints = new(StringComparer.Ordinal)
    {
        "Any", "typing.Any", "object", "numpy.ndarray", "np.ndarray", "ndarray", "numpy.typing.NDArray", "npt.NDArray",
        "memoryview", "bytearray", "Buffer", "collections.abc.Buffer", "typing_extensions.Buffer",
    };

    /// <summary>Maps a hint; <paramref name="unsupported"/> names the part that has no C# counterpart.</summary>
    internal static MappedType Map(string? hint, bool isReturn, out string? unsupported)
    {
        unsupported = null;
        if (hint is null)
        {
            return MappedType.Object;
        }

        var mapped = MapCore(Unquote(hint.Trim()), isReturn, ref unsupported);
        return mapped ?? MappedType.Object;
    }

    private static MappedType? MapCore(string hint, bool isReturn, ref string? unsupported)
    {
        hint = Unquote(hint.Trim());
        switch (hint)
        {
            case "int":
                return new("long", Ns + "Int64Converter", true);
            case "float":
                return new("double", Ns + "DoubleConverter", true);
            case "bool":
                return new("bool", Ns + "BooleanConverter", true);
            case "str":
                return new("string", Ns + "StringConverter", false);
            case "bytes":
                return new("byte[]", Ns + "BytesConverter", false);
            case "None" when isReturn:
                return new("void", Ns + "NoneConverter", false, IsVoid: true);
        }

        if (s_objectHints.Contains(hint) || hint.StartsWith("numpy.typing.NDArray[", StringComparison.Ordinal) || hint.StartsWith("npt.NDArray[", StringComparison.Ordinal))
        {
            return MappedType.Object;
        }

        // X | None and None | X
        var union = SignatureParser.SplitTopLevelOn(hint, '|');
        if (union.Count == 2)
        {
            var (a, b) = (union[0].Trim(), union[1].Trim());
            var inner = a == "None" ? b : b == "None" ? a : null;
            if (inner is not null)
            {
                return Optional(inner, ref unsupported);
            }
        }

        if (TryGeneric(hint, out var head, out var arguments))
        {
            switch (StripTyping(head))
            {
                case "Optional" when arguments.Count == 1:
                    return Optional(arguments[0], ref unsupported);
                case "Union" when arguments.Count == 2 && (arguments[0].Trim() == "None" || arguments[1].Trim() == "None"):
                    return Optional(arguments[0].Trim() == "None" ? arguments[1] : arguments[0], ref unsupported);
                case "list" or "List" or "Sequence" when arguments.Count == 1:
                    {
                        var item = MapCore(arguments[0], false, ref unsupported) ?? Fail(arguments[0], ref unsupported);
                        return new($"global::System.Collections.Generic.IReadOnlyList<{item.CSharp}>", $"{Ns}ListConverter<{item.CSharp}, {item.Converter}>", false);
                    }

                case "dict" or "Dict" or "Mapping" when arguments.Count == 2:
                    {
                        var key = MapCore(arguments[0], false, ref unsupported) ?? Fail(arguments[0], ref unsupported);
                        var value = MapCore(arguments[1], false, ref unsupported) ?? Fail(arguments[1], ref unsupported);
                        var keyType = key.CSharp.TrimEnd('?');
                        return new(
                            $"global::System.Collections.Generic.IReadOnlyDictionary<{keyType}, {value.CSharp}>",
                            $"{Ns}DictConverter<{keyType}, {key.Converter}, {value.CSharp}, {value.Converter}>",
                            false);
                    }

                case "tuple" or "Tuple" when arguments.Count is >= 2 and <= 7:
                    {
                        var items = new List<MappedType>();
                        foreach (var argument in arguments)
                        {
                            items.Add(MapCore(argument, false, ref unsupported) ?? Fail(argument, ref unsupported));
                        }

                        var csharp = "(" + string.Join(", ", items.ConvertAll(i => i.CSharp)) + ")";
                        var converter = $"{Ns}TupleConverter<" + string.Join(", ", items.ConvertAll(i => $"{i.CSharp}, {i.Converter}")) + ">";
                        return new(csharp, converter, true);
                    }
            }
        }

        unsupported ??= hint;
        return null;
    }

    private static MappedType Fail(string hint, ref string? unsupported)
    {
        unsupported ??= hint.Trim();
        return MappedType.Object;
    }

    private static MappedType Optional(string inner, ref string? unsupported)
    {
        var mapped = MapCore(inner, false, ref unsupported) ?? Fail(inner, ref unsupported);
        return mapped.IsValueType
            ? new(mapped.CSharp + "?", $"{Ns}NullableConverter<{mapped.CSharp}, {mapped.Converter}>", true)
            : new(mapped.CSharp + "?", $"{Ns}OptionalConverter<{mapped.CSharp}, {mapped.Converter}>", false);
    }

    private static bool TryGeneric(string hint, out string head, out List<string> arguments)
    {
        var open = hint.IndexOf('[');
        if (open > 0 && hint.EndsWith("]", StringComparison.Ordinal))
        {
            head = hint.Substring(0, open).Trim();
            arguments = SignatureParser.SplitTopLevel(hint.Substring(open + 1, hint.Length - open - 2));
            return true;
        }

        head = hint;
        arguments = new List<string>();
        return false;
    }

    private static string StripTyping(string head)
        => head.StartsWith("typing.", StringComparison.Ordinal) ? head.Substring(7)
            : head.StartsWith("collections.abc.", StringComparison.Ordinal) ? head.Substring(16)
            : head;

    private static string Unquote(string hint)
        => hint.Length >= 2 && (hint[0] == '"' || hint[0] == '\'') && hint[hint.Length - 1] == hint[0]
            ? hint.Substring(1, hint.Length - 2).Trim()
            : hint;
}
