using System.Text.RegularExpressions;

namespace PartnerOffice.Exports.Datasets;

/// <summary>
/// Quotes the tables and columns in the datasets' SQL fragments. EF Core names them in PascalCase and creates them
/// quoted; PostgreSQL folds unquoted names to lower case, so <c>o.OrderedAt</c> must read <c>o."OrderedAt"</c> there
/// (SQLite and SQL Server accept the quotes too). SQL keywords are written in capitals and aliases in lower case, so
/// every word outside a string literal that starts with a capital followed by a lower-case letter is a name.
/// </summary>
internal static partial class SqlNames
{
    public static string Quote(string sql) => NameOrLiteral().Replace(sql, m => m.Value[0] == '\'' ? m.Value : $"\"{m.Value}\"");

    // String literals are matched too, so that the words in them are left alone.
    [GeneratedRegex(@"'[^']*'|(?<![""\w])[A-Z][a-z][A-Za-z0-9]*(?![""\w])")]
    private static partial Regex NameOrLiteral();
}
