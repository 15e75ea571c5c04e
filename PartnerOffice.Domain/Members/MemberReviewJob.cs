using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Steps;
using PartnerOffice.Retail;

namespace PartnerOffice.Members;

/// <summary>
/// Moves members from WAITING to COMPLETED once their waiting period has passed: a chunk step reading the
/// candidates page by page in key order and completing each chunk with one UPDATE in the chunk's transaction, so
/// memory holds one page however many members wait, and a restart resumes after the last committed chunk.
/// </summary>
public sealed class MemberReviewJob(IOptions<MemberReviewOptions> options) : IJobDefinition
{
    public const string JobName = "member-review";
    public const string StepName = "complete-members";

    public string Name => JobName;

    public void Define(JobBuilder job) => job
        // Every launch (each daily fire, each "run now") reviews afresh.
        .Incrementer(new RunIdIncrementer())
        .Step(StepName, step => step.Chunk<Member, Member>(options.Value.ChunkSize)
            .Reader(ctx => new KeysetPagingReader<PartnerOfficeDbContext, Member, long>(
                ctx.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>(),
                db => Candidates(db, CutoffOf(ctx.JobExecution)), m => m.Id, options.Value.ChunkSize, name: "members"))
            .Writer(ctx => new CompleteMembersWriter(ctx.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>(), CutoffOf(ctx.JobExecution))));

    /// <summary>
    /// Members who signed up before this instant are due. It comes from the execution's stored request time, not
    /// the clock, so a restart the next day completes the same members the first run would have.
    /// </summary>
    private DateTime CutoffOf(JobExecution execution) => execution.CreatedAt - options.Value.WaitingPeriod;

    private static IQueryable<Member> Candidates(PartnerOfficeDbContext db, DateTime cutoff) =>
        db.Members.Where(m => m.Status == MemberStatus.Waiting && m.SignedUpAt < cutoff);

    /// <summary>
    /// Completes a chunk with one UPDATE over its key range, with the reader's own condition: the range holds exactly
    /// the chunk's candidates (the reader reads them all in key order), and the statement stays one short command
    /// however large the chunk.
    /// </summary>
    private sealed class CompleteMembersWriter(IDbContextFactory<PartnerOfficeDbContext> contexts, DateTime cutoff) : IItemWriter<Member>
    {
        public async Task WriteAsync(Chunk<Member> chunk, CancellationToken cancellationToken)
        {
            var first = chunk.Items[0].Id;
            var last = chunk.Items[^1].Id;
            var reviewedAt = chunk.Step.Time.GetUtcNow().UtcDateTime;
            await using var db = await chunk.Transaction.EnlistAsync(await contexts.CreateDbContextAsync(cancellationToken), cancellationToken);
            await Candidates(db, cutoff).Where(m => m.Id >= first && m.Id <= last).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MemberStatus.Completed)
                .SetProperty(m => m.ReviewedAt, reviewedAt), cancellationToken);
        }
    }
}
