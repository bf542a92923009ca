namespace Backpack.WebSockets.Rest;

/// <summary>The order in which a history read returns its rows (<c>sortDirection</c>).</summary>
public enum SortDirection
{
    /// <summary>Oldest first (<c>Asc</c>).</summary>
    Ascending = 0,

    /// <summary>Newest first (<c>Desc</c>).</summary>
    Descending,
}
