namespace PartnerOffice.App.Hosting;

/// <summary>Settings under <c>PartnerOffice</c> (environment: <c>PartnerOffice__Key</c>).</summary>
public sealed class PartnerOfficeOptions
{
    public const string Section = "PartnerOffice";

    /// <summary>Holds the database file and the local file store. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed the demo data set on start-up when the database has no partners (default: in Development).</summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>
    /// Orders in the demo data set. The default gives the large partner (60 % of them) an orders export that runs
    /// long enough to watch its progress and cancel it, and still seeds in a few seconds.
    /// </summary>
    public int DemoOrders { get; set; } = 300_000;

    /// <summary>Below this much free space on the data directory's disk, the health endpoint reports Degraded.</summary>
    public int MinFreeDiskMegabytes { get; set; } = 1024;

    /// <summary>
    /// Where users reach the portal (<c>https://partners.example.com</c>): links in alerts, read outside the portal, are
    /// made absolute against it. Unset, they stay relative (<c>/jobs/42</c>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
