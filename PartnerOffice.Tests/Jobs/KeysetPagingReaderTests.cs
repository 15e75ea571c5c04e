using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Jobs.Steps;
using PartnerOffice.Retail;
using PartnerOffice.Tests.Support;
using ExecutionContext = PartnerOffice.Jobs.ExecutionContext;

namespace PartnerOffice.Tests.Jobs;

public class KeysetPagingReaderTests
{
    [Fact]
    public async Task Reads_in_key_order_page_by_page_and_resumes_after_the_checkpointed_key()
    {
        using var temp = new TempDirectory();
        var contexts = new PartnersContexts(SqliteDatabase.ConnectionStringFor(temp.File("business.db")));
        await using (var db = contexts.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.Partners.AddRange(Enumerable.Range(1, 25).Select(n => new Partner { Code = $"P{n:000}", Name = $"Partner {n}" }));
            await db.SaveChangesAsync();
        }
        KeysetPagingReader<PartnerOfficeDbContext, Partner, int> Reader() =>
            new(contexts, db => db.Partners.Where(p => p.Id % 5 != 0), p => p.Id, pageSize: 4);
        var checkpoint = new ExecutionContext();

        var first = Reader();
        await first.OpenAsync(checkpoint, CancellationToken.None);
        var before = new List<int>();
        for (var i = 0; i < 7; i++) before.Add((await first.ReadAsync(CancellationToken.None))!.Id);
        await first.UpdateAsync(checkpoint, CancellationToken.None);

        var resumed = Reader();
        await resumed.OpenAsync(ExecutionContext.FromJson(checkpoint.ToJson()), CancellationToken.None);
        var after = new List<int>();
        while (await resumed.ReadAsync(CancellationToken.None) is { } partner) after.Add(partner.Id);

        Assert.Equal([1, 2, 3, 4, 6, 7, 8], before);
        Assert.Equal(Enumerable.Range(9, 17).Where(n => n % 5 != 0), after);
    }

    private sealed class PartnersContexts(string connectionString) : IDbContextFactory<PartnerOfficeDbContext>
    {
        public PartnerOfficeDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(connectionString).Options);
    }
}
