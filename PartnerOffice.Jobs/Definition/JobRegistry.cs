using System.Collections.Concurrent;

namespace PartnerOffice.Jobs.Definition;

/// <summary>A job other features contribute through DI (<c>services.AddJob&lt;TDefinition&gt;()</c>).</summary>
public interface IJobDefinition
{
    string Name { get; }
    void Define(JobBuilder job);
}

/// <summary>A job registered with <c>services.AddJob(name, define)</c>.</summary>
public sealed record JobRegistration(string Name, Action<JobBuilder> Define);

/// <summary>The jobs this process knows; a worker only claims executions of these.</summary>
public sealed class JobRegistry
{
    private readonly ConcurrentDictionary<string, Job> jobs = new();

    public JobRegistry(IEnumerable<JobRegistration> registrations, IEnumerable<IJobDefinition> definitions)
    {
        foreach (var registration in registrations) Define(registration.Name, registration.Define);
        foreach (var definition in definitions) Define(definition.Name, definition.Define);
    }

    public Job Define(string name, Action<JobBuilder> define)
    {
        var builder = new JobBuilder(name);
        define(builder);
        var job = builder.Build();
        if (!jobs.TryAdd(name, job)) throw new InvalidOperationException($"A job named '{name}' is already defined.");
        return job;
    }

    public IReadOnlyCollection<string> Names => jobs.Keys.ToList();

    public bool TryGet(string name, out Job job) => jobs.TryGetValue(name, out job!);

    public Job Get(string name) => TryGet(name, out var job) ? job : throw new KeyNotFoundException($"No job named '{name}' is defined.");
}
