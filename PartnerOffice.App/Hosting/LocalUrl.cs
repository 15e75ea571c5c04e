namespace PartnerOffice.App.Hosting;

/// <summary>Guards redirects that take a URL from the request (return URLs), so they cannot lead to another site.</summary>
public static class LocalUrl
{
    /// <summary>A path on this site: "/x" but neither "//host" nor "/\host", which browsers treat as other sites.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    /// <summary>
    /// Where to send the browser back to: the local URL with anything outside ASCII percent-encoded (a Location
    /// header holding Korean text cannot be sent, which once lost a sign-in), else the start page.
    /// </summary>
    public static string OrHome(string? url)
    {
        if (!IsLocal(url)) return "/";
        var escaped = new Uri(Site, url);
        return escaped.PathAndQuery + escaped.Fragment;
    }

    private static readonly Uri Site = new("http://site.invalid");
}
