using System.Text.Json.Nodes;

namespace SupportBot.Cards;

/// <summary>
/// An Adaptive Card template in the official templating syntax (<c>${...}</c>, <c>$data</c>, <c>$when</c>),
/// parsed once and expanded against data. Implements the subset our templates use; the card tests compare
/// its output with the official JavaScript engine (adaptivecards-templating) on the same inputs.
/// </summary>
public sealed class CardTemplate
{
    private readonly JsonNode _template;

    public CardTemplate(string name, JsonNode template)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(template);
        Name = name;
        _template = template;
    }

    public string Name { get; }

    /// <summary>Expands the template against <paramref name="data"/>; the template itself is never changed.</summary>
    public JsonObject Expand(JsonNode? data)
    {
        var scope = new TemplateScope(data, data, 0);
        var expanded = ExpandNode(_template, scope);
        return expanded as JsonObject
            ?? throw new InvalidOperationException($"Template '{Name}' did not expand to a JSON object.");
    }

    private static JsonNode? ExpandNode(JsonNode? node, TemplateScope scope) => node switch
    {
        JsonObject obj => ExpandObject(obj, scope),
        JsonArray arr => ExpandArray(arr, scope),
        JsonValue value when value.TryGetValue(out string? text) => ExpandString(text, scope),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonNode? ExpandObject(JsonObject obj, TemplateScope scope)
    {
        if (obj.TryGetPropertyValue("$data", out var dataNode))
        {
            var bound = BindData(dataNode, scope);
            if (bound is JsonArray)
            {
                // An object with an array $data directly as a value (not inside an array) expands to an array.
                return new JsonArray(ExpandRepeated(obj, (JsonArray)bound, scope).ToArray());
            }

            scope = new TemplateScope(bound, scope.Root, 0);
        }

        return ExpandObjectInScope(obj, scope);
    }

    private static JsonObject? ExpandObjectInScope(JsonObject obj, TemplateScope scope)
    {
        if (obj.TryGetPropertyValue("$when", out var whenNode) && !IsWhenTrue(whenNode, scope))
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "$data" or "$when")
            {
                continue;
            }

            var expanded = ExpandNode(value, scope);
            if (expanded is null && value is not null)
            {
                // An object dropped by $when disappears together with its property.
                continue;
            }

            result[key] = expanded;
        }

        return result;
    }

    private static IEnumerable<JsonNode> ExpandRepeated(JsonObject obj, JsonArray items, TemplateScope scope)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var itemScope = new TemplateScope(items[i], scope.Root, i);
            var expanded = ExpandObjectInScope(obj, itemScope);
            if (expanded is not null)
            {
                yield return expanded;
            }
        }
    }

    private static JsonArray ExpandArray(JsonArray arr, TemplateScope scope)
    {
        var result = new JsonArray();
        foreach (var item in arr)
        {
            if (item is JsonObject obj && obj.TryGetPropertyValue("$data", out var dataNode))
            {
                var bound = BindData(dataNode, scope);
                if (bound is JsonArray items)
                {
                    foreach (var repeated in ExpandRepeated(obj, items, scope))
                    {
                        result.Add(repeated);
                    }

                    continue;
                }

                var single = ExpandObjectInScope(obj, new TemplateScope(bound, scope.Root, 0));
                if (single is not null)
                {
                    result.Add(single);
                }

                continue;
            }

            var expanded = ExpandNode(item, scope);
            if (expanded is not null || item is null)
            {
                result.Add(expanded);
            }
        }

        return result;
    }

    private static JsonNode? BindData(JsonNode? dataNode, TemplateScope scope)
    {
        if (dataNode is JsonValue v && v.TryGetValue(out string? text))
        {
            var expanded = ExpandString(text, scope);
            return expanded;
        }

        return ExpandNode(dataNode, scope);
    }

    private static bool IsWhenTrue(JsonNode? whenNode, TemplateScope scope)
    {
        if (whenNode is JsonValue v && v.TryGetValue(out string? text))
        {
            var expression = TemplateString.SingleExpression(text);
            var value = expression is null ? JsonValue.Create(text) : TemplateExpression.Evaluate(expression, scope);
            return TemplateExpression.IsTruthy(value);
        }

        return TemplateExpression.IsTruthy(whenNode);
    }

    private static JsonNode? ExpandString(string text, TemplateScope scope)
    {
        var single = TemplateString.SingleExpression(text);
        if (single is not null)
        {
            var value = TemplateExpression.Evaluate(single, scope);
            // The official engine keeps the original text when an expression binds to nothing.
            return value is null ? JsonValue.Create(text) : value.DeepClone();
        }

        return JsonValue.Create(TemplateString.Interpolate(text, scope));
    }
}
