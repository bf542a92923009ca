using Spectre.Console;

namespace Backpack.StreamViewer;

/// <summary>
/// The dashboard on a terminal: Spectre.Console's live display redrawn five times a second from
/// <see cref="ViewerState.Snapshot"/>, and a key reader (Tab, arrows or n/p switch markets, 1-9 pick one, q quits).
/// </summary>
internal sealed class LiveDashboard(ViewerState state, IAnsiConsole console, Action quit)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected)
        {
            // Why a thread of its own: Console.ReadKey blocks and cannot be cancelled; the thread dies with the process.
            new Thread(ReadKeys) { IsBackground = true, Name = "dashboard keys" }.Start();
        }

        await console.Live(Frame())
            .AutoClear(false)
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                using var timer = new PeriodicTimer(Interval);
                try
                {
                    while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                    {
                        context.UpdateTarget(Frame());
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Why: the run ends by cancellation (duration, q, Ctrl+C); the last frame stays on screen.
                }
            }).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private Spectre.Console.Rendering.IRenderable Frame() => DashboardRenderer.Render(state.Snapshot(DateTimeOffset.UtcNow));

    private void ReadKeys()
    {
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                switch (key.Key)
                {
                    case ConsoleKey.Tab when key.Modifiers.HasFlag(ConsoleModifiers.Shift):
                    case ConsoleKey.LeftArrow:
                    case ConsoleKey.P:
                        state.SelectPrevious();
                        break;
                    case ConsoleKey.Tab:
                    case ConsoleKey.RightArrow:
                    case ConsoleKey.N:
                        state.SelectNext();
                        break;
                    case ConsoleKey.I when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                        // Why: some terminals report Tab as Ctrl+I.
                        state.SelectNext();
                        break;
                    case ConsoleKey.Q:
                    case ConsoleKey.Escape:
                        quit();
                        return;
                    case >= ConsoleKey.D1 and <= ConsoleKey.D9 when key.Key - ConsoleKey.D1 < state.Symbols.Count:
                        state.Select(key.Key - ConsoleKey.D1);
                        break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Why: no console to read keys from after all (a detached process); the dashboard still runs.
        }
    }
}
