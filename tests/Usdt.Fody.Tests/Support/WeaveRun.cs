using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Fody;
using Mono.Cecil;

namespace Usdt.Fody.Tests.Support;

/// <summary>One run of the weaver over a built assembly through FodyHelpers' WeaverTestHelper.</summary>
internal sealed class WeaveRun
{
    private static int s_folder;

    private WeaveRun(TestResult result, string inputPath, TimeSpan weaveTime)
    {
        Result = result;
        InputPath = inputPath;
        WeaveTime = weaveTime;
    }

    public TestResult Result { get; }

    public string InputPath { get; }

    /// <summary>The woven assembly (PDB embedded when symbols were written).</summary>
    public string OutputPath => Result.AssemblyPath;

    /// <summary>A file the weaver wrote beside the woven assembly (the manifest, a probe library).</summary>
    public string Beside(string fileName) => Path.Combine(Path.GetDirectoryName(OutputPath)!, fileName);

    /// <summary>Time spent in <c>ModuleWeaver.Execute</c> alone (no reading or writing).</summary>
    public TimeSpan WeaveTime { get; }

    public IReadOnlyList<SequencePointMessage> Errors => Result.Errors;

    public IReadOnlyList<SequencePointMessage> Warnings => Result.Warnings;

    public IEnumerable<string> Infos => Result.Messages.Select(m => m.Text);

    /// <summary>
    /// Weaves <paramref name="inputPath"/> into a folder of its own under fodytemp/.
    /// <paramref name="config"/> is the &lt;Usdt&gt; element of FodyWeavers.xml (null: an empty one);
    /// <paramref name="before"/> may edit the module before the weaver sees it.
    /// </summary>
    public static WeaveRun Weave(string inputPath, XElement? config = null, Action<ModuleDefinition>? before = null,
        bool writeSymbols = true, string? assemblyName = null, string? folder = null, Action<ModuleWeaver>? configure = null)
    {
        var weaver = new ModuleWeaver { Config = config ?? AllMethods() };
        var clock = new Stopwatch();
        folder ??= $"w{Environment.ProcessId}_{Interlocked.Increment(ref s_folder)}";
        string output = Path.Combine(Path.GetDirectoryName(inputPath)!, "fodytemp", folder, (assemblyName ?? Path.GetFileNameWithoutExtension(inputPath)) + ".dll");
        TestResult result = weaver.ExecuteTestRun(
            inputPath,
            runPeVerify: false,
            beforeExecuteCallback: module =>
            {
                before?.Invoke(module);
                // As in a build, the manifest and libraries go beside the woven assembly (this
                // run's own folder), not beside the shared input.
                weaver.AssemblyFilePath = output;
                configure?.Invoke(weaver);   // after WeaverTestHelper set the weaver up
                clock.Start();
            },
            afterExecuteCallback: _ => clock.Stop(),
            assemblyName: assemblyName,
            writeSymbols: writeSymbols,
            folderName: folder);
        return new WeaveRun(result, inputPath, clock.Elapsed);
    }

    /// <summary>
    /// <c>&lt;Usdt MinMethodBytes="0" /&gt;</c>: the test inputs are made of small methods,
    /// which the inlining rule would leave unprobed; it has tests of its own.
    /// </summary>
    public static XElement AllMethods(XElement? config = null)
    {
        config ??= new XElement("Usdt");
        if (config.Attribute("MinMethodBytes") is null)
            config.SetAttributeValue("MinMethodBytes", 0);
        return config;
    }

    /// <summary>Throws with every diagnostic unless the weaver reported no error.</summary>
    public WeaveRun EnsureNoErrors()
    {
        if (Errors.Count > 0)
            throw new InvalidOperationException("weaving failed:\n" + string.Join("\n", Errors.Select(e => e.Text)));
        return this;
    }

    /// <summary>Keeps only the top-level types named (and the module type): how one diagnostic case is weaved alone.</summary>
    public static Action<ModuleDefinition> KeepOnly(params string[] fullNames) => module =>
    {
        foreach (TypeDefinition type in module.Types.ToList())
        {
            if (type.Name != "<Module>" && !fullNames.Contains(type.FullName))
                module.Types.Remove(type);
        }
    };

    public static string FileOf(SequencePointMessage message) => Path.GetFileName(message.SequencePoint?.Document.Url ?? "");
}
