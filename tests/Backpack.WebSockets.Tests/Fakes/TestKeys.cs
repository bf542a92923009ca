namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>The demo key pair from Backpack's Python WebSocket guide. Test-only.</summary>
public static class TestKeys
{
    public const string Secret = "TDSkv44jf/iD/QCKkyCdixO+p1sfLXxk+PZH7mW/ams=";
    public const string PublicKey = "5+yQgwU0ZdJ/9s+GXfuPFfo7yQQpl9CgvQedJXne30o=";
}
