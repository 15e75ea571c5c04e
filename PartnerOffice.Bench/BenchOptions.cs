using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Bench;

/// <summary>The command line: <c>[--engine Sqlite|PostgreSql] [--orders N] [--db path] [--runs N] [--partitions N]</c>, plus the internal
/// <c>--case</c> and <c>--connection</c> (the PostgreSQL database the parent made) of a child run.</summary>
internal sealed record BenchOptions(DatabaseProvider Engine, int Orders, string Database, int Runs, int Partitions, string? Case, int PartnerId, string? Connection = null)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = Pairs(args, "[--engine Sqlite|PostgreSql] [--orders 1000000] [--db path] [--runs 3] [--partitions 2]");
        var orders = int.Parse(values.GetValueOrDefault("orders", "1000000"));
        var database = values.GetValueOrDefault("db") ?? Path.Combine(Path.GetTempPath(), "partneroffice-bench", $"orders-{orders}.db");
        var engine = Enum.Parse<DatabaseProvider>(values.GetValueOrDefault("engine", "Sqlite"), ignoreCase: true);
        return new BenchOptions(engine, orders, Path.GetFullPath(database), int.Parse(values.GetValueOrDefault("runs", "3")),
            int.Parse(values.GetValueOrDefault("partitions", "2")), values.GetValueOrDefault("case"), int.Parse(values.GetValueOrDefault("partner", "0")),
            values.GetValueOrDefault("connection"));
    }

    /// <summary>Reads <c>--name value</c> pairs; <paramref name="usage"/> is shown when an argument does not fit.</summary>
    public static Dictionary<string, string> Pairs(string[] args, string usage)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--") || i + 1 >= args.Length) throw new ArgumentException($"Expected '--name value', got '{args[i]}'. Usage: {usage}");
            values[args[i][2..]] = args[++i];
        }
        return values;
    }

    /// <summary>The arguments that make a child process run one case on the same data.</summary>
    public IEnumerable<string> ChildArguments(string benchCase) =>
        ["--engine", Engine.ToString(), "--connection", Connection ?? "", "--db", Database, "--orders", Orders.ToString(), "--partitions", Partitions.ToString(), "--partner", PartnerId.ToString(), "--case", benchCase];
}
