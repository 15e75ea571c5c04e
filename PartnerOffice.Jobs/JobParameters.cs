using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerOffice.Jobs;

/// <summary>One parameter value. Identifying parameters decide which job instance a launch belongs to.</summary>
public sealed record JobParameter(string Value, bool Identifying = true);

/// <summary>
/// The immutable parameters of a launch. A job instance is the job's name plus its identifying
/// parameters; non-identifying ones (a request time, a page size) travel along without changing that.
/// </summary>
public sealed class JobParameters : IEnumerable<KeyValuePair<string, JobParameter>>
{
    public static readonly JobParameters Empty = new(new Dictionary<string, JobParameter>());

    private readonly IReadOnlyDictionary<string, JobParameter> values;

    public JobParameters(IReadOnlyDictionary<string, JobParameter> values) =>
        this.values = new SortedDictionary<string, JobParameter>(values.ToDictionary(), StringComparer.Ordinal);

    public int Count => values.Count;

    public bool Contains(string name) => values.ContainsKey(name);

    public JobParameters With(string name, string value, bool identifying = true) =>
        new(new Dictionary<string, JobParameter>(values) { [name] = new JobParameter(value, identifying) });

    public JobParameters With(string name, long value, bool identifying = true) =>
        With(name, value.ToString(CultureInfo.InvariantCulture), identifying);

    public JobParameters With(string name, DateTime value, bool identifying = true) =>
        With(name, value.ToString("O", CultureInfo.InvariantCulture), identifying);

    public string? GetString(string name) => values.TryGetValue(name, out var p) ? p.Value : null;

    public string GetRequiredString(string name) =>
        GetString(name) ?? throw new JobParametersInvalidException($"The parameter '{name}' is missing.");

    public long? GetInt64(string name) =>
        GetString(name) is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : null;

    public DateTime? GetDateTime(string name) =>
        GetString(name) is { } s ? DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    /// <summary>A stable hash of the identifying parameters: with the job name, the key of the job instance.</summary>
    public string IdentityKey()
    {
        var canonical = new StringBuilder();
        foreach (var (name, parameter) in values.Where(p => p.Value.Identifying))
            canonical.Append(name).Append('=').Append(parameter.Value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    public IEnumerator<KeyValuePair<string, JobParameter>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", values.Select(p => $"{p.Key}={p.Value.Value}"));
}

public sealed class JobParametersInvalidException(string message) : ArgumentException(message);

/// <summary>Refuses parameters a job cannot run with, before anything is stored.</summary>
public interface IJobParametersValidator
{
    void Validate(JobParameters parameters);
}

/// <summary>Makes the parameters of the next launch from those of the previous one, so each launch is a new instance.</summary>
public interface IJobParametersIncrementer
{
    JobParameters GetNext(JobParameters? previous, JobParameters requested);
}

/// <summary>Adds an identifying <c>run.id</c> one higher than the previous launch's.</summary>
public sealed class RunIdIncrementer : IJobParametersIncrementer
{
    public const string Key = "run.id";

    public JobParameters GetNext(JobParameters? previous, JobParameters requested) =>
        requested.With(Key, (previous?.GetInt64(Key) ?? 0) + 1);
}

/// <summary>Requires the named parameters to be present.</summary>
public sealed class RequiredParametersValidator(params string[] required) : IJobParametersValidator
{
    public void Validate(JobParameters parameters)
    {
        var missing = required.Where(name => !parameters.Contains(name)).ToList();
        if (missing.Count > 0) throw new JobParametersInvalidException($"Missing job parameters: {string.Join(", ", missing)}.");
    }
}
