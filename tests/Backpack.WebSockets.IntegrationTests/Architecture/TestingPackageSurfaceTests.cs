using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Loader;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Architecture;

/// <summary>
/// design.md §3: the Testing package (<c>src/Backpack.WebSockets.Testing</c>) uses only the public surface of
/// <c>Backpack.WebSockets</c> (plus the connector seam, which is public; the fake exchange does not need it). The compiler enforces this while the library
/// grants it no InternalsVisibleTo; this test keeps it so if one is ever added: every dependency of a Testing type on a
/// type of the library (signatures and method bodies, read with ArchUnitNET) names a public type through a public member.
/// A record's copy constructor counts as public: ArchUnitNET reports a <c>with</c> expression as a call to it (it is private
/// in a sealed record), but the code calls the public <c>&lt;Clone&gt;$</c>.
/// </summary>
public class TestingPackageSurfaceTests
{
    [Fact]
    public void TestingPackage_UsesOnlyThePublicSurfaceOfTheLibrary()
    {
        var library = typeof(BackpackStreamClient).Assembly;
        var testing = typeof(BackpackTestServer).Assembly;
        var publicTypes = library.GetTypes().Where(t => t.IsVisible).Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        var libraryTypes = library.GetTypes().Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        var architecture = new ArchLoader().LoadAssemblies(testing, library).Build();

        var used = new List<string>();
        var violations = new List<string>();
        foreach (var type in architecture.Types.Where(t => t.Assembly.Name.Split(',')[0] == testing.GetName().Name))
        {
            foreach (ITypeDependency dependency in type.Dependencies.Concat(type.Members.SelectMany(m => m.MemberDependencies)))
            {
                var target = dependency.Target.FullName.Replace('/', '+');
                if (!libraryTypes.Contains(target))
                {
                    continue;
                }

                used.Add(target);
                var member = (dependency as IMemberMemberDependency)?.TargetMember;
                if (!publicTypes.Contains(target))
                {
                    violations.Add($"{type.FullName} -> {target} [non-public type]");
                }
                else if (member is not null
                    && member.Visibility is not (Visibility.Public or Visibility.Protected or Visibility.ProtectedInternal)
                    && member.Name != $".ctor({target})")
                {
                    violations.Add($"{type.FullName} -> {target} via {member.Name} [non-public member]");
                }
            }
        }

        Assert.Contains("Backpack.WebSockets.Models.Order", used);
        Assert.True(
            violations.Count == 0,
            "Backpack.WebSockets.Testing uses the library beyond its public surface:" + Environment.NewLine +
            string.Join(Environment.NewLine, violations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
    }
}
