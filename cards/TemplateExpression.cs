using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Cards;

/// <summary>
/// Evaluates the small part of the Adaptive Expressions language that our templates use: property paths
/// (<c>a.b[0]</c>, <c>$root</c>, <c>$data</c>, <c>$index</c>), string/number/bool literals, <c>!</c>,
/// <c>==</c>, <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c> and the functions equals, not, and, or, if, count,
/// empty, concat, join. An unknown path evaluates to null ("unbound").
/// </summary>
internal static class TemplateExpression
{
    public static JsonNode? Evaluate(string expression, TemplateScope scope)
    {
        var parser = new Parser(expression, scope);
        var value = parser.ParseOr();
        parser.ExpectEnd();
        return value;
    }

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out string? s) => s.Length > 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) != 0,
        _ => true,
    };

    private sealed class Parser(string text, TemplateScope scope)
    {
        private int _pos;

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos != text.Length)
            {
                throw new FormatException($"Unexpected '{text[_pos..]}' in template expression.");
            }
        }

        public JsonNode? ParseOr()
        {
            var left = ParseAnd();
            while (TryConsume("||"))
            {
                var right = ParseAnd();
                left = JsonValue.Create(IsTruthy(left) || IsTruthy(right));
            }

            return left;
        }

        private JsonNode? ParseAnd()
        {
            var left = ParseEquality();
            while (TryConsume("&&"))
            {
                var right = ParseEquality();
                left = JsonValue.Create(IsTruthy(left) && IsTruthy(right));
            }

            return left;
        }

        private JsonNode? ParseEquality()
        {
            var left = ParseUnary();
            while (true)
            {
                if (TryConsume("=="))
                {
                    left = JsonValue.Create(AreEqual(left, ParseUnary()));
                }
                else if (TryConsume("!="))
                {
                    left = JsonValue.Create(!AreEqual(left, ParseUnary()));
                }
                else
                {
                    return left;
                }
            }
        }

        private JsonNode? ParseUnary()
        {
            SkipSpace();
            if (Peek() == '!' && PeekAt(1) != '=')
            {
                _pos++;
                return JsonValue.Create(!IsTruthy(ParseUnary()));
            }

            return ParsePrimary();
        }

        private JsonNode? ParsePrimary()
        {
            SkipSpace();
            var c = Peek();
            if (c == '(')
            {
                _pos++;
                var inner = ParseOr();
                Expect(')');
                return inner;
            }

            if (c is '\'' or '"')
            {
                return JsonValue.Create(ReadString(c));
            }

            if (char.IsDigit(c) || (c == '-' && char.IsDigit(PeekAt(1))))
            {
                return ReadNumber();
            }

            var name = ReadIdentifier();
            SkipSpace();
            if (Peek() == '(')
            {
                _pos++;
                var args = new List<JsonNode?>();
                SkipSpace();
                if (Peek() != ')')
                {
                    do
                    {
                        args.Add(ParseOr());
                    }
                    while (TryConsume(","));
                }

                Expect(')');
                return Call(name, args);
            }

            return name switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                "null" => null,
                _ => ReadPathRest(Resolve(name)),
            };
        }

        private JsonNode? Resolve(string name) => name switch
        {
            "$root" => scope.Root,
            "$data" => scope.Data,
            "$index" => JsonValue.Create(scope.Index),
            _ => (scope.Data as JsonObject)?[name],
        };

        private JsonNode? ReadPathRest(JsonNode? current)
        {
            while (true)
            {
                if (Peek() == '.')
                {
                    _pos++;
                    var member = ReadIdentifier();
                    current = (current as JsonObject)?[member];
                }
                else if (Peek() == '[')
                {
                    _pos++;
                    var index = ParseOr();
                    Expect(']');
                    current = index switch
                    {
                        JsonValue v when v.GetValueKind() == JsonValueKind.Number && current is JsonArray arr
                            => int.TryParse(v.ToJsonString(), CultureInfo.InvariantCulture, out var i) && i >= 0 && i < arr.Count ? arr[i] : null,
                        JsonValue v when v.TryGetValue(out string? key) => (current as JsonObject)?[key],
                        _ => null,
                    };
                }
                else
                {
                    return current;
                }
            }
        }

        private static JsonNode? Call(string name, List<JsonNode?> args) => name switch
        {
            "equals" when args.Count == 2 => JsonValue.Create(AreEqual(args[0], args[1])),
            "not" when args.Count == 1 => JsonValue.Create(!IsTruthy(args[0])),
            "and" => JsonValue.Create(args.All(IsTruthy)),
            "or" => JsonValue.Create(args.Any(IsTruthy)),
            "if" when args.Count == 3 => (IsTruthy(args[0]) ? args[1] : args[2])?.DeepClone(),
            "count" when args.Count == 1 => JsonValue.Create(args[0] switch
            {
                JsonArray a => a.Count,
                JsonValue v when v.TryGetValue(out string? s) => s.Length,
                _ => 0,
            }),
            "empty" when args.Count == 1 => JsonValue.Create(args[0] switch
            {
                null => true,
                JsonArray a => a.Count == 0,
                JsonObject o => o.Count == 0,
                JsonValue v when v.TryGetValue(out string? s) => s.Length == 0,
                _ => false,
            }),
            "concat" => JsonValue.Create(string.Concat(args.Select(a => a is null ? string.Empty : TemplateString.ToText(a)))),
            "join" when args.Count == 2 && args[0] is JsonArray items =>
                JsonValue.Create(string.Join(args[1] is null ? string.Empty : TemplateString.ToText(args[1]!), items.Select(i => i is null ? string.Empty : TemplateString.ToText(i)))),
            _ => throw new FormatException($"Unsupported template function '{name}' with {args.Count} argument(s)."),
        };

        private static bool AreEqual(JsonNode? a, JsonNode? b)
        {
            if (a is null || b is null)
            {
                return a is null && b is null;
            }

            return JsonNode.DeepEquals(a, b)
                || (a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number
                    && double.Parse(va.ToJsonString(), CultureInfo.InvariantCulture) == double.Parse(vb.ToJsonString(), CultureInfo.InvariantCulture));
        }

        private string ReadIdentifier()
        {
            SkipSpace();
            var start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '_' or '$'))
            {
                _pos++;
            }

            if (start == _pos)
            {
                throw new FormatException($"Expected a name at position {start} in template expression.");
            }

            return text[start.._pos];
        }

        private string ReadString(char quote)
        {
            _pos++;
            var start = _pos;
            while (_pos < text.Length && text[_pos] != quote)
            {
                _pos++;
            }

            var value = text[start.._pos];
            Expect(quote);
            return value;
        }

        private JsonValue ReadNumber()
        {
            var start = _pos;
            _pos++;
            while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] == '.'))
            {
                _pos++;
            }

            var number = double.Parse(text[start.._pos], CultureInfo.InvariantCulture);
            return number == Math.Floor(number) && Math.Abs(number) < int.MaxValue
                ? JsonValue.Create((int)number)
                : JsonValue.Create(number);
        }

        private bool TryConsume(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, token, 0, token.Length) == 0)
            {
                _pos += token.Length;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c)
            {
                throw new FormatException($"Expected '{c}' at position {_pos} in template expression.");
            }

            _pos++;
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private char Peek() => _pos < text.Length ? text[_pos] : '\0';

        private char PeekAt(int offset) => _pos + offset < text.Length ? text[_pos + offset] : '\0';
    }
}
