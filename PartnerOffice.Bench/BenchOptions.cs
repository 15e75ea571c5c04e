namespace PartnerOffice.Bench;

/// <summary>The command line: <c>[--orders N] [--db path] [--runs N] [--partitions N]</c>, plus the internal <c>--case</c> of a child run.</summary>
internal sealed record BenchOptions(int Orders, string Database, int Runs, int Partitions, string? Case, int PartnerId)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--") || i + 1 >= args.Length) throw new ArgumentException($"Expected '--name value', got '{args[i]}'. Usage: [--orders 1000000] [--db path] [--runs 3] [--partitions 2]");
            values[args[i][2..]] = args[++i];
        }
        var orders = int.Parse(values.GetValueOrDefault("orders", "1000000"));
        var database = values.GetValueOrDefault("db") ?? Path.Combine(Path.GetTempPath(), "partneroffice-bench", $"orders-{orders}.db");
        return new BenchOptions(orders, Path.GetFullPath(database), int.Parse(values.GetValueOrDefault("runs", "3")),
            int.Parse(values.GetValueOrDefault("partitions", "2")), values.GetValueOrDefault("case"), int.Parse(values.GetValueOrDefault("partner", "0")));
    }

    /// <summary>The arguments that make a child process run one case on the same data.</summary>
    public IEnumerable<string> ChildArguments(string benchCase) =>
        ["--db", Database, "--orders", Orders.ToString(), "--partitions", Partitions.ToString(), "--partner", PartnerId.ToString(), "--case", benchCase];
}
