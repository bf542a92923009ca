namespace Backpack.StreamViewer;

/// <summary>The viewer's <c>--help</c> text.</summary>
internal static class ViewerUsage
{
    public const string Text =
        """
        Usage: Backpack.StreamViewer [--simulate] [--symbol <SYM>] [--duration <seconds>] [--help]

          --simulate             run a simulated exchange in-process (no internet needed)
          --symbol <SYM>         market to show (default SOL_USDC)
          --duration <seconds>   exit by itself after this many seconds (positive number)
          --help                 show this help

        Credentials: BACKPACK_API_KEY / BACKPACK_API_SECRET from the environment or a .env file in the
        current directory; when present, account order updates are shown too.
        """;
}
