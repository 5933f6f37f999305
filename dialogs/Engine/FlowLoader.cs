using System.Text.Json;

namespace SupportBot.Dialogs.Engine;

/// <summary>Reads a flow from its data file and checks it is complete, so a content mistake fails at start-up, not mid-conversation.</summary>
public static class FlowLoader
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    public static FlowDefinition Load(string contentFile)
    {
        var json = ContentFiles.ReadObject(contentFile);
        json.Remove("$comment");
        var flow = json.Deserialize<FlowDefinition>(s_options)
            ?? throw new InvalidDataException($"Flow file '{contentFile}' is empty.");
        Validate(flow);
        return flow;
    }

    public static void Validate(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var problems = new List<string>();
        if (!flow.HasStep(flow.Start))
        {
            problems.Add($"start step '{flow.Start}' does not exist");
        }

        foreach (var duplicate in flow.Steps.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"step '{duplicate.Key}' is defined twice");
        }

        foreach (var step in flow.Steps)
        {
            var needsChoices = step.Kind is StepKind.Choice or StepKind.MultiChoice;
            if (needsChoices && step.Choices.Count < 2)
            {
                problems.Add($"step '{step.Id}' needs at least two choices");
            }

            foreach (var duplicate in step.Choices.GroupBy(c => c.Id).Where(g => g.Count() > 1))
            {
                problems.Add($"step '{step.Id}' has choice '{duplicate.Key}' twice");
            }

            foreach (var rule in step.Next)
            {
                if (rule.Goto is not null && !flow.HasStep(rule.Goto))
                {
                    problems.Add($"step '{step.Id}' goes to missing step '{rule.Goto}'");
                }

                if (rule.If is not null && !flow.HasStep(rule.If.Step))
                {
                    problems.Add($"step '{step.Id}' branches on missing step '{rule.If.Step}'");
                }
            }

            if (step.MaxLength is < 1 or > 2000)
            {
                problems.Add($"step '{step.Id}' has maxLength {step.MaxLength}; use 1–2000");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Flow '{flow.Id}' is invalid: {string.Join("; ", problems)}.");
        }
    }
}
