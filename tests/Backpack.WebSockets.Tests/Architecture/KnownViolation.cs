namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>A dependency that breaks a rule of design.md §3 and is still in <c>src/</c>, tolerated until it is fixed.</summary>
/// <param name="Origin">The depending type (outermost, full name).</param>
/// <param name="Target">The type depended on (outermost, full name, generic arity as in <c>BackpackStream`1</c>).</param>
/// <param name="Why">Why it is still there.</param>
public sealed record KnownViolation(string Origin, string Target, string Why);
