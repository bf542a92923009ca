using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Loader;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>
/// The compiled dependencies between the types of ours (namespace <c>Backpack.WebSockets</c> and below) of one assembly,
/// read with ArchUnitNET (Mono.Cecil: signatures, fields, attributes and method bodies).
/// </summary>
public sealed class CodeMap
{
    private const string RootNamespace = "Backpack.WebSockets";

    /// <summary>The namespace of the DI extension methods (the convention for them), which live in the DependencyInjection folder.</summary>
    private const string ExtensionsNamespace = "Microsoft.Extensions.DependencyInjection";

    /// <summary>
    /// The types of the DependencyInjection folder declared in the root namespace (the health check is a root-namespace
    /// public type); the folder of every other type is read from its namespace. Add a type here when one is added there.
    /// </summary>
    private static readonly HashSet<string> s_dependencyInjectionTypesInRoot = new(StringComparer.Ordinal)
    {
        "Backpack.WebSockets.BackpackStreamsHealthCheck",
        "Backpack.WebSockets.BackpackStreamsHealthCheckOptions",
    };

    private static readonly Lazy<CodeMap> s_library = new(() => Load(typeof(BackpackStreamClient).Assembly));

    private readonly Dictionary<string, IType> _types;

    private CodeMap(ArchModel architecture, System.Reflection.Assembly assembly)
    {
        var assemblyName = assembly.GetName().Name;
        var ours = architecture.Types.Where(t => t.Assembly.Name.Split(',')[0] == assemblyName && IsOurs(t.FullName)).ToList();
        _types = ours.GroupBy(t => t.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Folders = ours.Select(FolderOf).ToHashSet(StringComparer.Ordinal);
        Dependencies = ours.SelectMany(DependenciesOf).Distinct().ToList();
    }

    /// <summary>The map of <c>src/Backpack.WebSockets</c>, loaded once per test run.</summary>
    public static CodeMap Library => s_library.Value;

    /// <summary>The folders that hold at least one type.</summary>
    public IReadOnlySet<string> Folders { get; }

    /// <summary>Every dependency of a type of ours on another type of ours in a different folder or type.</summary>
    public IReadOnlyList<CodeDependency> Dependencies { get; }

    /// <summary>
    /// The folder of a type: the first namespace segment under <c>Backpack.WebSockets</c>, or <see cref="LayerRules.Root"/>;
    /// DependencyInjection for the types of that folder in other namespaces.
    /// </summary>
    private static string FolderOf(IType type)
    {
        var @namespace = type.Namespace.FullName;
        if (@namespace == ExtensionsNamespace || s_dependencyInjectionTypesInRoot.Contains(Outermost(type.FullName)))
        {
            return "DependencyInjection";
        }

        return @namespace == RootNamespace ? LayerRules.Root : @namespace[(RootNamespace.Length + 1)..].Split('.')[0];
    }

    /// <summary>Loads the map of <paramref name="assembly"/>.</summary>
    public static CodeMap Load(System.Reflection.Assembly assembly) =>
        new(new ArchLoader().LoadAssemblies(assembly).Build(), assembly);

    private static bool IsOurs(string fullName) =>
        fullName.StartsWith(RootNamespace + ".", StringComparison.Ordinal) || fullName.StartsWith(ExtensionsNamespace + ".", StringComparison.Ordinal);

    /// <summary><c>Ns.Outer/Inner`1&lt;..&gt;</c> or <c>Ns.Outer+Inner</c> reads as <c>Ns.Outer</c>.</summary>
    private static string Outermost(string fullName)
    {
        var end = fullName.IndexOfAny(['/', '+', '<', '[']);
        return end < 0 ? fullName : fullName[..end];
    }

    private static bool IsVisible(Visibility visibility) =>
        visibility is Visibility.Public or Visibility.Protected or Visibility.ProtectedInternal;

    private IEnumerable<CodeDependency> DependenciesOf(IType origin)
    {
        var originFolder = FolderOf(origin);
        var originName = Outermost(origin.FullName);
        var all = origin.Dependencies.Concat(origin.Members.SelectMany(m => m.MemberDependencies));
        foreach (ITypeDependency dependency in all)
        {
            var target = dependency.Target;
            if (!IsOurs(target.FullName) || !_types.ContainsKey(Outermost(target.FullName)))
            {
                continue;
            }

            var targetName = Outermost(target.FullName);
            if (targetName == originName)
            {
                continue;
            }

            var member = (dependency as IMemberMemberDependency)?.TargetMember;
            yield return new CodeDependency(
                originName,
                originFolder,
                targetName,
                FolderOf(target),
                IsPublicType(target),
                member?.Name,
                member is null || IsVisible(member.Visibility) || IsRecordCopyConstructor(member, target));
        }
    }

    /// <summary>
    /// A record's copy constructor (private in a sealed record): ArchUnitNET reports a <c>with</c> expression as a call to
    /// it, but the code calls the public <c>&lt;Clone&gt;$</c>, so it counts as public.
    /// </summary>
    private static bool IsRecordCopyConstructor(IMember member, IType target) => member.Name == $".ctor({target.FullName})";

    /// <summary>Whether the type and every type it is nested in are visible outside the assembly.</summary>
    private bool IsPublicType(IType target)
    {
        var name = target.FullName;
        var generic = name.IndexOfAny(['<', '[']);
        if (generic >= 0)
        {
            name = name[..generic];
        }

        for (var cut = name.Length; cut > 0; cut = name.LastIndexOfAny(['/', '+'], cut - 1))
        {
            var enclosing = name[..cut];
            if (!_types.TryGetValue(enclosing, out var type) || !IsVisible(type.Visibility))
            {
                return false;
            }
        }

        return true;
    }
}
