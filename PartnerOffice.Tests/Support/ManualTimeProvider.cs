namespace PartnerOffice.Tests.Support;

/// <summary>
/// A clock that only moves when a test says so. Timers fire on <see cref="Advance"/>; a test that must act when
/// code starts waiting (a retry backoff) awaits <see cref="WaitForTimerAsync"/> instead of sleeping.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource Created)> timerWaiters = [];
    private DateTimeOffset now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.DueAt <= now).ToList();
            foreach (var timer in due) timer.Rearm(now);
        }
        foreach (var timer in due) timer.Fire();
    }

    /// <summary>
    /// Completes once a timer whose due time matches is pending (already, or when it is created); fails after 30 s of
    /// real time, so a test that waits for a timer nobody creates fails rather than hangs the run.
    /// </summary>
    public Task WaitForTimerAsync(Func<TimeSpan, bool> dueTime)
    {
        lock (gate)
        {
            if (timers.Any(t => dueTime(t.DueTime))) return Task.CompletedTask;
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            timerWaiters.Add((dueTime, created));
            return created.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
            if (timer.DueTime == Timeout.InfiniteTimeSpan) return;
            timer.DueAt = now + timer.DueTime;
            timers.Add(timer);
            foreach (var waiter in timerWaiters.Where(w => w.Match(timer.DueTime)).ToList())
            {
                timerWaiters.Remove(waiter);
                waiter.Created.TrySetResult();
            }
        }
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (gate) timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan DueTime { get; private set; }
        public DateTimeOffset DueAt { get; set; }
        private TimeSpan period;

        public bool Change(TimeSpan dueTime, TimeSpan newPeriod)
        {
            DueTime = dueTime;
            period = newPeriod;
            clock.Schedule(this);
            return true;
        }

        /// <summary>Called under the clock's lock: a periodic timer stays, a one-shot timer goes.</summary>
        public void Rearm(DateTimeOffset now)
        {
            if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero) clock.timers.Remove(this);
            else DueAt = now + period;
        }

        // Off the caller's thread, like a real timer, so a callback never runs inside CreateTimer or Advance.
        public void Fire() => ThreadPool.QueueUserWorkItem(_ => callback(state));

        public void Dispose() => clock.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
