using System.Net;

namespace PartnerOffice.Tests.Support;

/// <summary>Reading rendered pages in HTTP tests.</summary>
public static class PageContent
{
    /// <summary>
    /// The page's HTML with character references decoded: the renderer writes non-ASCII text (Korean) as
    /// <c>&amp;#xD55C;</c>, so assertions on visible text need it decoded.
    /// </summary>
    public static async Task<string> ReadPageAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
