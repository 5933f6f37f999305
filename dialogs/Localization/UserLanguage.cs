namespace SupportBot.Dialogs.Localization;

/// <summary>The languages the bot speaks. Swedish is the default; English when the client asks for it.</summary>
public enum UserLanguage
{
    Swedish,
    English,
}

public static class UserLanguages
{
    /// <summary>English for any <c>en</c> locale (<c>en</c>, <c>en-US</c>, <c>en-GB</c>…); Swedish otherwise.</summary>
    public static UserLanguage FromLocale(string? locale) =>
        locale is not null && (locale.Equals("en", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en-", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en_", StringComparison.OrdinalIgnoreCase))
            ? UserLanguage.English
            : UserLanguage.Swedish;

    public static string Code(this UserLanguage language) => language == UserLanguage.English ? "en" : "sv";
}
