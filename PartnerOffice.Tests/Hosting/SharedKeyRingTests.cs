using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.App.Hosting;
using PartnerOffice.App.Hosting.DataProtection;
using PartnerOffice.App.Hosting.DataProtection.PostgreSql;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Hosting;

/// <summary>The data protection key ring of two nodes on one database, on every engine the tests run.</summary>
public abstract class SharedKeyRingTests(DatabaseProvider engine)
{
    private const string Purpose = "shared key ring test";

    [Fact]
    public async Task What_one_node_protects_another_reads_with_the_key_the_first_wrote_to_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var a = await StartNodeAsync(database.Connection);
        await using var b = await StartNodeAsync(database.Connection);

        var payload = a.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("signed in");
        Assert.Equal("signed in", b.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload));

        var keyOfA = Assert.Single(a.GetRequiredService<IKeyManager>().GetAllKeys());
        await using var scope = b.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<DataProtectionKeysDbContext>();
        if (engine == DatabaseProvider.PostgreSql) Assert.IsType<PostgreSqlDataProtectionKeysDbContext>(keys);
        var stored = Assert.Single(await keys.DataProtectionKeys.ToListAsync());
        Assert.Equal($"key-{keyOfA.KeyId}", stored.FriendlyName);
        Assert.Contains(keyOfA.KeyId.ToString(), stored.Xml);
    }

    /// <summary>
    /// Two nodes that start together on an empty key table may each make a key: a node whose cached key ring lacks the
    /// other's key must look again rather than refuse the other's cookies until its next refresh (a day later).
    /// </summary>
    [Fact]
    public async Task A_node_reads_a_payload_protected_with_a_key_made_after_it_loaded_its_key_ring()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var a = await StartNodeAsync(database.Connection);
        await using var b = await StartNodeAsync(database.Connection);
        var protectorOfB = b.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        protectorOfB.Protect([1]); // loads B's key ring, making the first key
        var now = DateTimeOffset.UtcNow;
        var keyOfA = a.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));

        var fromA = a.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect([42]);

        Assert.Equal(keyOfA.KeyId, new Guid(fromA.AsSpan(4, 16))); // magic header, then the key's id
        Assert.Equal([42], protectorOfB.Unprotect(fromA));
    }

    /// <summary>What a portal node's start-up does for the key ring: its services, then its migrations.</summary>
    private static async Task<ServiceProvider> StartNodeAsync(DatabaseConnection database)
    {
        var services = new ServiceCollection().AddLogging().AddPortalDataProtection(database).BuildServiceProvider();
        foreach (var migrator in services.GetServices<IDatabaseMigrator>()) await migrator.MigrateAsync(CancellationToken.None);
        return services;
    }
}

public sealed class SharedKeyRingOnSqliteTests() : SharedKeyRingTests(DatabaseProvider.Sqlite);

public sealed class SharedKeyRingOnPostgreSqlTests() : SharedKeyRingTests(DatabaseProvider.PostgreSql);
