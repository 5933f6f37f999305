namespace SupportBot.Dialogs.Engine;

/// <summary>
/// The edit distance people's typos have: insertions, deletions, substitutions and swapped neighbours ("reprot") each
/// count one (optimal string alignment), with an early exit above a limit.
/// </summary>
public static class EditDistance
{
    public static bool Within(string a, string b, int max) => Distance(a, b, max) <= max;

    /// <summary>The number of edits from <paramref name="a"/> to <paramref name="b"/>; stops counting above <paramref name="max"/> (returns max + 1).</summary>
    public static int Distance(string a, string b, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (max != int.MaxValue && Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, current[j]);
            }

            if (max != int.MaxValue && rowMin > max)
            {
                return max + 1;
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}
