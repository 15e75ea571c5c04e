namespace PartnerOffice.App.Hosting;

/// <summary>Guards redirects that take a URL from the request (return URLs), so they cannot lead to another site.</summary>
public static class LocalUrl
{
    /// <summary>A path on this site: "/x" but neither "//host" nor "/\host", which browsers treat as other sites.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
