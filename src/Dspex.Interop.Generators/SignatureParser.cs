using System;
using System.Collections.Generic;
using System.Text;

namespace Dspex.Interop.Generators;

/// <summary>
/// Reads the signatures of top-level <c>def</c> statements from Python source without Python: it joins a
/// signature's lines until its parentheses close and splits parameters at top-level commas. Anything it
/// cannot read becomes a <see cref="ParseProblem"/>, never an exception.
/// </summary>
internal static class SignatureParser
{
    internal static (List<PythonFunction> Functions, List<ParseProblem> Problems) Parse(string source)
    {
        var functions = new List<PythonFunction>();
        var problems = new List<ParseProblem>();
        var lines = source.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var start = line.StartsWith("def ", StringComparison.Ordinal) ? 4
                : line.StartsWith("async def ", StringComparison.Ordinal) ? -1 : 0;
            if (start == -1)
            {
                problems.Add(new ParseProblem(i, "async functions are not supported; the function is skipped"));
                continue;
            }

            if (start == 0)
            {
                continue;
            }

            var text = new StringBuilder(line.Substring(start));
            var first = i;
            while (!SignatureComplete(text.ToString()) && i + 1 < lines.Length && i - first < 50 && !StartsStatement(lines[i + 1]))
            {
                text.Append(' ').Append(lines[++i].Trim());
            }

            try
            {
                functions.Add(ParseSignature(text.ToString(), first));
            }
            catch (FormatException e)
            {
                problems.Add(new ParseProblem(first, e.Message));
            }
        }

        return (functions, problems);
    }

    // A signature's continuation lines never start a new top-level statement.
    private static bool StartsStatement(string line)
        => line.StartsWith("def ", StringComparison.Ordinal) || line.StartsWith("async def ", StringComparison.Ordinal)
            || line.StartsWith("class ", StringComparison.Ordinal) || line.StartsWith("@", StringComparison.Ordinal);

    private static bool SignatureComplete(string text)
    {
        var depth = 0;
        var opened = false;
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    opened = true;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ':' when opened && depth == 0:
                    return true;
            }
        }

        return false;
    }

    private static PythonFunction ParseSignature(string text, int line)
    {
        var open = text.IndexOf('(');
        if (open <= 0)
        {
            throw new FormatException("expected 'def name(...)'");
        }

        var name = text.Substring(0, open).Trim();
        if (!IsIdentifier(name))
        {
            throw new FormatException($"'{name}' is not a function name");
        }

        var close = MatchingParenthesis(text, open);
        var parameterText = text.Substring(open + 1, close - open - 1);
        var rest = text.Substring(close + 1).Trim();
        string? returns = null;
        if (rest.StartsWith("->", StringComparison.Ordinal))
        {
            var colon = TopLevelIndex(rest, ':', 2);
            if (colon < 0)
            {
                throw new FormatException("missing ':' after the return annotation");
            }

            returns = rest.Substring(2, colon - 2).Trim();
        }
        else if (!rest.StartsWith(":", StringComparison.Ordinal))
        {
            throw new FormatException("expected ':' or '->' after the parameters");
        }

        var parameters = new List<PythonParameter>();
        var kind = ParameterKind.PositionalOrKeyword;
        var variadic = false;
        var positionalOnlyMarker = false;
        foreach (var raw in SplitTopLevel(parameterText))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            if (part == "/")
            {
                positionalOnlyMarker = true;
                continue;
            }

            if (part == "*")
            {
                kind = ParameterKind.KeywordOnly;
                continue;
            }

            if (part.StartsWith("*", StringComparison.Ordinal))
            {
                variadic = true;
                if (!part.StartsWith("**", StringComparison.Ordinal))
                {
                    kind = ParameterKind.KeywordOnly;
                }

                continue;
            }

            var equals = TopLevelIndex(part, '=', 0);
            var hasDefault = equals >= 0;
            var declaration = hasDefault ? part.Substring(0, equals) : part;
            var colon = declaration.IndexOf(':');
            var parameterName = (colon >= 0 ? declaration.Substring(0, colon) : declaration).Trim();
            var hint = colon >= 0 ? declaration.Substring(colon + 1).Trim() : null;
            if (!IsIdentifier(parameterName))
            {
                throw new FormatException($"cannot read parameter '{part}'");
            }

            parameters.Add(new PythonParameter(parameterName, hint, hasDefault, kind));
        }

        if (positionalOnlyMarker)
        {
            // Everything before '/' is positional-only; find those by position in the original text.
            var seen = 0;
            foreach (var raw in SplitTopLevel(parameterText))
            {
                if (raw.Trim() == "/")
                {
                    for (var p = 0; p < seen; p++)
                    {
                        parameters[p] = parameters[p] with { Kind = ParameterKind.PositionalOnly };
                    }

                    break;
                }

                if (raw.Trim().Length > 0 && !raw.Trim().StartsWith("*", StringComparison.Ordinal))
                {
                    seen++;
                }
            }
        }

        return new PythonFunction(name, parameters, returns, line, variadic);
    }

    private static int MatchingParenthesis(string text, int open)
    {
        var close = Scan(text, open, (c, depth) => c is ')' or ']' or '}' && depth == 0);
        return close >= 0 ? close : throw new FormatException("unbalanced parentheses in the signature");
    }

    private static int TopLevelIndex(string text, char wanted, int from)
        => Scan(text, from, (c, depth) => c == wanted && depth == 0);

    /// <summary>
    /// Walks <paramref name="text"/> from <paramref name="from"/>, skipping quoted strings and tracking bracket
    /// depth; returns the first index where <paramref name="stop"/> holds for the character and the depth after it.
    /// </summary>
    private static int Scan(string text, int from, Func<char, int, bool> stop)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }

            if (stop(c, depth))
            {
                return i;
            }
        }

        return -1;
    }

    internal static List<string> SplitTopLevel(string text) => SplitTopLevelOn(text, ',');

    internal static List<string> SplitTopLevelOn(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        while (true)
        {
            var comma = TopLevelIndex(text, separator, start);
            if (comma < 0)
            {
                parts.Add(text.Substring(start));
                return parts;
            }

            parts.Add(text.Substring(start, comma - start));
            start = comma + 1;
        }
    }

    internal static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
