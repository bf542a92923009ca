using System.Diagnostics;

namespace Backpack.WebSockets.Diagnostics;

/// <summary>The client's <see cref="ActivitySource"/>: one activity per connect and per SUBSCRIBE sent.</summary>
internal static class BackpackStreamActivities
{
    public const string ConnectActivityName = "Backpack.WebSockets.Connect";

    public const string SubscribeActivityName = "Backpack.WebSockets.Subscribe";

    public const string ResyncActivityName = "Backpack.WebSockets.Resync";

    public static readonly ActivitySource Source = new(BackpackStreamDiagnostics.ActivitySourceName, typeof(BackpackStreamActivities).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the activity of one connection attempt, or returns <see langword="null"/> when nobody listens.</summary>
    public static Activity? StartConnect(Uri endpoint)
    {
        var activity = Source.StartActivity(ConnectActivityName, ActivityKind.Client);
        activity?.SetTag("server.address", endpoint.Host);
        activity?.SetTag("url.scheme", endpoint.Scheme);
        return activity;
    }

    /// <summary>Starts the activity of one SUBSCRIBE, from send to confirmation or rejection.</summary>
    public static Activity? StartSubscribe(string streamName, string streamType)
    {
        var activity = Source.StartActivity(SubscribeActivityName, ActivityKind.Client);
        activity?.SetTag("backpack.stream.name", streamName);
        activity?.SetTag(BackpackStreamDiagnostics.StreamTypeTag, streamType);
        return activity;
    }

    /// <summary>Starts the activity of one order-book resync (snapshot fetch and replay), for the order book to call.</summary>
    public static Activity? StartResync(string symbol)
    {
        var activity = Source.StartActivity(ResyncActivityName, ActivityKind.Internal);
        activity?.SetTag(BackpackStreamDiagnostics.SymbolTag, symbol);
        return activity;
    }

    /// <summary>Marks an activity failed when <paramref name="outcome"/> faulted (a rejected SUBSCRIBE, for example).</summary>
    public static void Complete(Activity? activity, Task outcome)
    {
        if (outcome.IsFaulted && outcome.Exception.InnerException is { } error)
        {
            Fail(activity, error);
        }
    }

    /// <summary>Marks an activity failed; safe to call with <see langword="null"/>.</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        // The message only: exception messages of this library never carry a secret, and stack traces are noise here.
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", error.GetType().FullName);
    }
}
