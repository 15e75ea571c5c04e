namespace PartnerOffice.Exports;

/// <summary>
/// What a user or script asks for, as it arrives (HTTP body or form): nothing here is trusted yet.
/// <see cref="ExportSpecValidator"/> turns it into an <see cref="ExportSpec"/> or field errors.
/// </summary>
public sealed record ExportRequestSpec(string? Dataset, string? Format, IReadOnlyDictionary<string, string?>? Filters = null);
