using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Tests.Exports;

/// <summary>Rows from memory (values: long, string, DateTime or null), keyed 1, 2, 3…: for testing writers on awkward values.</summary>
internal sealed class InMemoryRows(IReadOnlyList<object?[]> rows, long firstKey = 1) : IExportRowReader
{
    private int _index = -1;

    public bool Read() => ++_index < rows.Count;
    public long Key => firstKey + _index;
    public bool IsNull(int column) => rows[_index][column] is null;
    public long GetInt64(int column) => (long)rows[_index][column]!;
    public ReadOnlySpan<byte> GetUtf8(int column) => System.Text.Encoding.UTF8.GetBytes((string)rows[_index][column]!);
    public DateTime GetDateTime(int column) => (DateTime)rows[_index][column]!;
    public void Dispose() { }
}
