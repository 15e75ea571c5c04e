using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.App.Identity;
using PartnerOffice.Audit;
using PartnerOffice.Data;
using PartnerOffice.Identity;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Retail;

namespace PartnerOffice.App.Hosting;

/// <summary>
/// The verbs an operator or a script runs with the same executable, against the configured database:
/// <c>seed</c>, <c>partner list|create</c>, <c>user create</c>, <c>token create</c>, <c>job list|run|status|restart</c>.
/// Exit codes: 0 done, 1 failed (or, for <c>job status</c>, the execution ended without completing; for
/// <c>job restart</c>, its status forbids a restart; for <c>job run</c>, the run did not complete), 2 bad arguments or
/// nothing of that name, 3 (<c>job status</c>) the execution has not ended yet (<c>job run</c>: another process runs it).
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Verbs = ["seed", "partner", "user", "token", "job", "help"];

    /// <summary><c>job status</c>: the execution is queued, running or stopping.</summary>
    public const int NotEndedYet = 3;

    public const string Usage = """
        Usage: PartnerOffice.App <command> [options]
          (no command)                          run the portal
          seed --orders N                       add deterministic demo data (partners, products, N orders, members)
          partner list                          list partners: code, name, order count
          partner create --code C --name N      create a partner
          user create --email E --role Admin|PartnerUser [--partner C] [--name N] [--password P]
          token create --user E [--name L]      create an API token; the token is the last line printed
          job list                              list the jobs and their schedules: cron, zone, next fire
          job run <job> [--param k=v]...        run a job once here, printing progress; exit 0 completed, 1 failed
          job status <execution>                print an execution's status; exit 0 completed, 1 ended otherwise, 3 not ended yet
          job restart <execution>               restart a failed or stopped execution; exit 1 if its status forbids it
        Exit codes: 0 done, 1 failed, 2 bad arguments or no such job or execution, 3 (job status) not ended yet.
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(IHost app, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        try
        {
            var command = ParsedCommand.Parse(args);
            if (command.Verb == "help") { await output.WriteLineAsync(Usage); return 0; }
            await app.PrepareDatabaseAsync();
            using var scope = app.Services.CreateScope();
            var services = scope.ServiceProvider;
            return command.Verb switch
            {
                "seed" => await SeedAsync(services, command, output),
                "partner" => await PartnerAsync(services, command, output),
                "user" => await UserAsync(services, command, output),
                "token" => await TokenAsync(services, command, output),
                "job" => await JobAsync(services, command, output),
                _ => throw new UsageException($"Unknown command '{command.Verb}'."),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (IncompatibleDatabaseException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> SeedAsync(IServiceProvider services, ParsedCommand command, TextWriter output)
    {
        var orders = command.Int("orders", required: true);
        await output.WriteLineAsync($"Seeding {orders:N0} orders…");
        var report = await RetailDataSeeder.SeedAsync(services.GetRequiredService<DatabaseConnection>(), new DemoDataVolume(orders));
        await services.GetRequiredService<DemoDataStartup>().SeedUsersAsync(CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {report.Partners} partners, {report.Products:N0} products, {report.Orders:N0} orders, {report.OrderLines:N0} order lines, {report.Members:N0} members, {report.Settlements:N0} settlements in {report.Elapsed.TotalSeconds:F1} s ({report.RowsPerSecond:N0} rows/s, {report.Orders / Math.Max(report.Elapsed.TotalSeconds, 0.001):N0} orders/s)"));
        return 0;
    }

    private static async Task<int> PartnerAsync(IServiceProvider services, ParsedCommand command, TextWriter output)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        switch (command.Action)
        {
            case "list":
                var partners = await db.Partners.OrderBy(p => p.Code)
                    .Select(p => new { p.Code, p.Name, Orders = db.Orders.Count(o => o.PartnerId == p.Id) }).ToListAsync();
                await output.WriteLineAsync($"{"CODE",-12} {"ORDERS",12}  NAME");
                foreach (var p in partners) await output.WriteLineAsync($"{p.Code,-12} {p.Orders,12}  {p.Name}");
                return 0;
            case "create":
                var created = await services.GetRequiredService<UserAdministration>().CreatePartnerAsync(AuditActor.CommandLine,
                    command.String("code", required: true), command.String("name", required: true));
                if (!created.Succeeded) throw new ArgumentException(created.ErrorText);
                await output.WriteLineAsync($"Created partner {created.Created!.Code} ({created.Created.Name}).");
                return 0;
            default:
                throw new UsageException("partner needs 'list' or 'create'.");
        }
    }

    private static async Task<int> UserAsync(IServiceProvider services, ParsedCommand command, TextWriter output)
    {
        if (command.Action != "create") throw new UsageException("user needs 'create'.");
        var roleText = command.String("role", required: true)!;
        if (!Enum.TryParse<UserRole>(roleText, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            throw new UsageException($"--role must be Admin or PartnerUser, not '{roleText}'.");
        var created = await services.GetRequiredService<UserAdministration>().CreateUserAsync(AuditActor.CommandLine,
            command.String("email", required: true), role, command.String("partner"), command.String("name"), command.String("password"));
        if (!created.Succeeded) throw new ArgumentException(created.ErrorText);
        await output.WriteLineAsync($"Created {created.Created!.Role} {created.Created.Email} (id {created.Created.Id}).");
        if (created.Password is { } password) await output.WriteLineAsync($"Its password, shown only once: {password}");
        return 0;
    }

    private static async Task<int> TokenAsync(IServiceProvider services, ParsedCommand command, TextWriter output)
    {
        if (command.Action != "create") throw new UsageException("token needs 'create'.");
        var email = command.String("user", required: true)!;
        await using var db = await services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        var normalized = UserAccounts.Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized)
            ?? throw new ArgumentException($"There is no user with e-mail '{email}'.");
        var created = await services.GetRequiredService<ApiTokens>().CreateAsync(user.Id, command.String("name"));
        await output.WriteLineAsync($"Created token '{created.Token.Name}' for {user.Email}. It is shown only once:");
        await output.WriteLineAsync(created.Secret);
        return 0;
    }

    private static async Task<int> JobAsync(IServiceProvider services, ParsedCommand command, TextWriter output)
    {
        var jobs = services.GetRequiredService<IJobOperator>();
        switch (command.Action)
        {
            case "list":
                await ListJobsAsync(services, output);
                return 0;
            case "run":
                return await RunJobAsync(services, command, output);
            case "status":
                var execution = (await jobs.GetAsync(ExecutionId(command)))?.Execution ?? throw NoExecution(command);
                await output.WriteLineAsync(StatusLine(execution));
                return execution.Status switch
                {
                    JobStatus.Completed => 0,
                    JobStatus.Queued or JobStatus.Running or JobStatus.Stopping => NotEndedYet,
                    _ => 1,
                };
            case "restart":
                try
                {
                    var restarted = await services.GetRequiredService<OperatorActions>().RestartAsync(AuditActor.CommandLine, ExecutionId(command));
                    await output.WriteLineAsync($"Execution {restarted.Id} ({restarted.JobName}) is {restarted.Status} again.");
                    return 0;
                }
                catch (KeyNotFoundException) { throw NoExecution(command); }
                catch (IllegalStatusTransitionException refused)
                {
                    await output.WriteLineAsync($"Execution {command.Argument} is {refused.From}: only a failed or stopped execution can be restarted.");
                    return 1;
                }
            default:
                throw new UsageException("job needs 'list', 'run <job>', 'status <execution>' or 'restart <execution>'.");
        }
    }

    /// <summary>
    /// Every job, and each of its schedules with its cron and zone and next fire (in the schedule's zone). A portal stores
    /// the declared schedules when it starts: where it has, the stored timing (an operator's edit, a pause) is shown.
    /// </summary>
    private static async Task ListJobsAsync(IServiceProvider services, TextWriter output)
    {
        var stored = (await services.GetRequiredService<IScheduleOperator>().ListAsync()).ToDictionary(s => s.Schedule.Name, s => s.Schedule);
        var declared = services.GetServices<JobScheduleDeclaration>().ToLookup(s => s.JobName);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await output.WriteLineAsync($"{"JOB",-24} SCHEDULES");
        foreach (var name in services.GetRequiredService<JobRegistry>().Names.Order(StringComparer.Ordinal))
            await output.WriteLineAsync($"{name,-24} {string.Join("; ", declared[name].Select(d => Describe(d, stored.GetValueOrDefault(d.Name), now)))}".TrimEnd());
    }

    private static string Describe(JobScheduleDeclaration declared, JobSchedule? stored, DateTime now)
    {
        var (cron, zone) = stored is null ? (declared.CronExpression, declared.TimeZone) : (stored.CronExpression, stored.TimeZone);
        if (stored?.Paused == true) return $"{declared.Name}: {cron} ({zone}) paused";
        var next = stored?.NextFireAt ?? JobSchedule.NextFires(cron, zone, now, 1).FirstOrDefault();
        if (next == default) return $"{declared.Name}: {cron} ({zone}) never fires again";
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)), TimeZoneInfo.FindSystemTimeZoneById(zone));
        return $"{declared.Name}: {cron} ({zone}) next {local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Queues a run of the job and runs it in this process at once (as crontab or a CI server would start a batch), printing
    /// each status change and its progress. The run is recorded like any other; its page in the portal shows it.
    /// </summary>
    private static async Task<int> RunJobAsync(IServiceProvider services, ParsedCommand command, TextWriter output)
    {
        var job = command.Required("job");
        if (!services.GetRequiredService<JobRegistry>().Names.Contains(job)) throw new ArgumentException($"There is no job '{job}'.");
        // Each run from the command line is a run of its own, never a duplicate of an earlier one.
        var parameters = JobParameters.Empty.With("requestedAt", services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        foreach (var parameter in command.Parameters)
        {
            var eq = parameter.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--param needs key=value, not '{parameter}'.");
            parameters = parameters.With(parameter[..eq], parameter[(eq + 1)..]);
        }
        var queued = await services.GetRequiredService<IJobLauncher>().EnqueueAsync(job, parameters, requestedBy: "command line");
        var progress = TextWriter.Synchronized(output);
        await progress.WriteLineAsync($"Running execution {queued.Id} of {job}.");
        using var subscription = services.GetRequiredService<IJobEvents>().Subscribe(e =>
        {
            if (e.ExecutionId != queued.Id) return;
            progress.WriteLine(e.Kind == JobEventKind.StatusChanged
                ? $"  {e.Status}"
                : $"  {e.ProgressCurrent.ToString("N0", CultureInfo.InvariantCulture)}{(e.ProgressTotal is { } total ? $" of {total.ToString("N0", CultureInfo.InvariantCulture)}" : "")} items");
        });
        if (await services.GetRequiredService<JobWorkerPool>().RunHereAsync(queued.Id) is not { } ended)
        {
            await progress.WriteLineAsync($"Execution {queued.Id} was claimed by another process: follow it with 'job status {queued.Id}'.");
            return NotEndedYet;
        }
        await progress.WriteLineAsync(StatusLine(ended));
        return ended.Status == JobStatus.Completed ? 0 : 1;
    }

    /// <summary><c>Execution N (job): Status</c>, with the first line of its error, or else of its exit description, when it has one.</summary>
    private static string StatusLine(JobExecution execution) =>
        $"Execution {execution.Id} ({execution.JobName}): {execution.Status}"
        + ((execution.Error ?? execution.ExitDescription) is { } said ? $" — {said.Split('\n', 2)[0]}" : "");

    private static long ExecutionId(ParsedCommand command) =>
        long.TryParse(command.Required("execution"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new UsageException($"'{command.Argument}' is not an execution number.");

    private static ArgumentException NoExecution(ParsedCommand command) => new($"There is no job execution {command.Argument}.");

    private sealed class UsageException(string message) : Exception(message);

    /// <summary><c>verb [action [argument]] --key value …</c>; every option takes a value.</summary>
    private sealed record ParsedCommand(string Verb, string? Action, string? Argument, Dictionary<string, string> Options, List<string> Parameters)
    {
        public static ParsedCommand Parse(string[] args)
        {
            var verb = args[0].ToLowerInvariant();
            var index = 1;
            string? action = null;
            if (index < args.Length && !args[index].StartsWith("--", StringComparison.Ordinal)) action = args[index++].ToLowerInvariant();
            string? argument = null;
            if (action is not null && index < args.Length && !args[index].StartsWith("--", StringComparison.Ordinal)) argument = args[index++];
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var parameters = new List<string>();
            for (; index < args.Length; index++)
            {
                var key = args[index];
                if (!key.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"Unexpected argument '{key}'.");
                var eq = key.IndexOf('=');
                var (name, value) = eq > 0 ? (key[2..eq], key[(eq + 1)..])
                    : index + 1 < args.Length ? (key[2..], args[++index])
                    : throw new UsageException($"{key} needs a value.");
                // --param repeats (job parameters); every other option is given once.
                if (string.Equals(name, "param", StringComparison.OrdinalIgnoreCase)) parameters.Add(value);
                else options[name] = value;
            }
            return new ParsedCommand(verb, action, argument, options, parameters);
        }

        /// <summary>The positional argument after the action, named for the message when it is missing.</summary>
        public string Required(string name) => Argument ?? throw new UsageException($"{Verb} {Action} needs the {name}.");

        public string? String(string key, bool required = false)
        {
            if (Options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)) return value;
            return required ? throw new UsageException($"--{key} is required.") : null;
        }

        public int Int(string key, bool required = false)
        {
            var text = String(key, required);
            if (text is null) return 0;
            return int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new UsageException($"--{key} must be a whole number ≥ 0, not '{text}'.");
        }
    }
}
