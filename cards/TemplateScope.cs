using System.Text.Json.Nodes;

namespace SupportBot.Cards;

/// <summary>The data an expression sees: the current <c>$data</c>, <c>$root</c> and <c>$index</c>.</summary>
internal sealed record TemplateScope(JsonNode? Data, JsonNode? Root, int Index);
