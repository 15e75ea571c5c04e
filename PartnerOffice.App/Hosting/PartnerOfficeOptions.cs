namespace PartnerOffice.App.Hosting;

/// <summary>Settings under <c>PartnerOffice</c> (environment: <c>PartnerOffice__Key</c>).</summary>
public sealed class PartnerOfficeOptions
{
    public const string Section = "PartnerOffice";

    /// <summary>Holds the database file and the local file store. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed a small demo data set on start-up when the database has no partners (default: in Development).</summary>
    public bool? SeedDemoData { get; set; }
}
