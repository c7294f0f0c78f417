using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Threading;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.Disassembler;
using ICSharpCode.Decompiler.Metadata;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// Woven methods disassembled to IL text with ICSharpCode.Decompiler (ILSpy's engine), in a
/// form stable across builds (no tokens, no RVAs, long string literals shortened), and
/// compared with a snapshot committed under tests/Usdt.Fody.Tests/Snapshots/. A change to what
/// the weaver emits then shows up in review as a diff of those files.
/// </summary>
internal static partial class IlSnapshot
{
    /// <summary>Set to 1 to rewrite the snapshots from the current weaver instead of comparing.</summary>
    public const string UpdateVariable = "USDT_UPDATE_SNAPSHOTS";

    public static string SnapshotDirectory { get; } = Path.Combine(
        typeof(IlSnapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tests", "Usdt.Fody.Tests", "Snapshots");

    /// <summary>The IL of every method of <paramref name="typeName"/> (nested types with '/') whose name is in <paramref name="methods"/>, or all of them when empty.</summary>
    public static string Disassemble(string assemblyPath, string typeName, params string[] methods)
    {
        using var file = new PEFile(assemblyPath, PEStreamOptions.PrefetchEntireImage, MetadataReaderOptions.Default, null!);
        MetadataReader metadata = file.Metadata;
        TypeDefinitionHandle type = metadata.TypeDefinitions.Single(handle => FullName(metadata, handle) == typeName);
        var text = new StringWriter { NewLine = "\n" };
        var disassembler = new ReflectionDisassembler(new PlainTextOutput(text) { IndentationString = "  " }, CancellationToken.None)
        {
            ShowSequencePoints = false,
            ShowMetadataTokens = false,
            ShowRawRVAOffsetAndBytes = false,
            DetectControlStructure = true,
        };
        foreach (MethodDefinitionHandle method in metadata.GetTypeDefinition(type).GetMethods())
        {
            if (methods.Length == 0 || methods.Contains(metadata.GetString(metadata.GetMethodDefinition(method).Name)))
            {
                disassembler.DisassembleMethod(file, method);
                text.WriteLine();
            }
        }
        return Stable(text.ToString());
    }

    /// <summary>Compares <paramref name="actual"/> with Snapshots/<paramref name="name"/>.il; on a difference writes <c>NAME.received.il</c> beside it and returns why.</summary>
    public static string? Mismatch(string name, string actual)
    {
        string expectedPath = Path.Combine(SnapshotDirectory, name + ".il");
        string receivedPath = Path.Combine(SnapshotDirectory, name + ".received.il");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(expectedPath, actual);
            File.Delete(receivedPath);
            return null;
        }
        string? expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return null;
        }
        File.WriteAllText(receivedPath, actual);
        return $"The woven IL of '{name}' differs from {expectedPath}; the new IL is in {receivedPath}. " +
            $"Review the difference; if it is intended, run the tests with {UpdateVariable}=1 (or rename the file) and commit it.\n" +
            FirstDifference(expected ?? "", actual);
    }

    private static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        TypeDefinition type = metadata.GetTypeDefinition(handle);
        string name = metadata.GetString(type.Name);
        if (type.GetDeclaringType() is { IsNil: false } outer)
            return FullName(metadata, outer) + "/" + name;
        string space = metadata.GetString(type.Namespace);
        return space.Length == 0 ? name : space + "." + name;
    }

    /// <summary>Removes what varies between builds of the same code, and keeps snapshots short.</summary>
    private static string Stable(string il) =>
        LongString().Replace(Rva().Replace(il, ""), match => $"{match.Groups[1].Value}\"{match.Groups[2].Value[..60]}…\" // {match.Groups[2].Value.Length} characters")
            .Replace("\r\n", "\n");

    private static string FirstDifference(string expected, string actual)
    {
        string[] a = expected.Split('\n'), b = actual.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string left = i < a.Length ? a[i] : "<end>", right = i < b.Length ? b[i] : "<end>";
            if (left != right)
                return $"first difference, line {i + 1}:\n- {left}\n+ {right}";
        }
        return "";
    }

    [GeneratedRegex("(ldstr )\"([^\"]{120,})\"")]
    private static partial Regex LongString();

    [GeneratedRegex(@"[ \t]*// Method begins at RVA 0x[0-9a-f]+\n")]
    private static partial Regex Rva();
}
