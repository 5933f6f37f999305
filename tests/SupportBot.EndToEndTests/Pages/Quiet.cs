namespace SupportBot.EndToEndTests.Pages;

/// <summary>Waits until a count on the page (messages, posts) stops changing.</summary>
internal static class Quiet
{
    public static async Task WaitAsync(Func<Task<int>> count, TimeSpan? quietFor = null, TimeSpan? atMost = null)
    {
        var quiet = quietFor ?? TimeSpan.FromSeconds(1);
        var deadline = DateTime.UtcNow + (atMost ?? TimeSpan.FromSeconds(10));
        var last = await count();
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow - stableSince < quiet && DateTime.UtcNow < deadline)
        {
            await Task.Delay(150);
            var now = await count();
            if (now != last)
            {
                last = now;
                stableSince = DateTime.UtcNow;
            }
        }
    }
}
