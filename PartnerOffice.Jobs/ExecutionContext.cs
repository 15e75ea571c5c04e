using System.Text.Json;

namespace PartnerOffice.Jobs;

/// <summary>
/// A checkpoint bag of a step (or of the whole job): readers and writers store their position here and it is
/// saved as JSON with each committed chunk. Values are kept as JSON so a restarted process reads them back
/// exactly. (The name clashes with <see cref="System.Threading.ExecutionContext"/>; outside this namespace
/// alias it: <c>using ExecutionContext = PartnerOffice.Jobs.ExecutionContext;</c>.)
/// </summary>
public sealed class ExecutionContext
{
    private readonly Dictionary<string, JsonElement> values;
    private readonly Lock gate = new();
    private int changes;

    public ExecutionContext() : this(new Dictionary<string, JsonElement>()) { }

    private ExecutionContext(Dictionary<string, JsonElement> values) => this.values = values;

    public bool Contains(string key)
    {
        lock (gate) return values.ContainsKey(key);
    }

    public void Put<T>(string key, T value)
    {
        var element = JsonSerializer.SerializeToElement(value);
        lock (gate)
        {
            values[key] = element;
            changes++;
        }
    }

    public T? Get<T>(string key)
    {
        lock (gate) return values.TryGetValue(key, out var element) ? element.Deserialize<T>() : default;
    }

    public T Get<T>(string key, T fallback)
    {
        lock (gate) return values.TryGetValue(key, out var element) ? element.Deserialize<T>()! : fallback;
    }

    public void Remove(string key)
    {
        lock (gate)
        {
            if (values.Remove(key)) changes++;
        }
    }

    /// <summary>How often it changed since it was made or read back: a run saves it only when it moved.</summary>
    internal int Changes
    {
        get { lock (gate) return changes; }
    }

    public ExecutionContext Copy() => FromJson(ToJson());

    public string ToJson()
    {
        lock (gate) return JsonSerializer.Serialize(values);
    }

    public static ExecutionContext FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new() : new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!);
}
