using NetArchTest.Rules;
using PartnerOffice.Exports;
using PartnerOffice.Jobs;

namespace PartnerOffice.Tests.Architecture;

/// <summary>
/// The layers the folder tree shows: the job engine knows nothing of the business or the web, the domain nothing of
/// the web. The project references already keep the engine from the domain's types; these rules also catch a
/// package reference or a namespace that would bring the rest in by the back door.
/// </summary>
public class LayerTests
{
    private static readonly System.Reflection.Assembly Engine = typeof(JobExecution).Assembly;
    private static readonly System.Reflection.Assembly Domain = typeof(ExportRequest).Assembly;

    [Fact]
    public void The_job_engine_depends_on_nothing_of_the_business_or_the_web()
    {
        var result = Types.InAssembly(Engine).ShouldNot()
            .HaveDependencyOnAny("PartnerOffice.Exports", "PartnerOffice.Retail", "PartnerOffice.Identity", "PartnerOffice.Data", "PartnerOffice.App",
                "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, $"the engine depends on the business or the web: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.DoesNotContain(Engine.GetReferencedAssemblies(), a => a.Name is "PartnerOffice.Domain" or "PartnerOffice.App");
        Assert.All(Types.InAssembly(Engine).GetTypes(), t => Assert.StartsWith("PartnerOffice.Jobs", t.Namespace ?? "PartnerOffice.Jobs"));
    }

    [Fact]
    public void The_domain_depends_on_nothing_of_the_web()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny("PartnerOffice.App", "Microsoft.AspNetCore").GetResult();

        Assert.True(result.IsSuccessful, $"the domain depends on the web: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.DoesNotContain(Domain.GetReferencedAssemblies(), a => a.Name?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
    }
}
