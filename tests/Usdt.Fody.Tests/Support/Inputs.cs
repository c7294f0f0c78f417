using System;
using System.IO;

namespace Usdt.Fody.Tests.Support;

/// <summary>The builds the tests weave, copied next to the tests by the project's BuildWeaverInputs target.</summary>
internal static class Inputs
{
    public static string Directory(string name, BuildConfiguration configuration) =>
        Path.Combine(AppContext.BaseDirectory, "Inputs", name, configuration.ToString());

    public static string Path_(string name, BuildConfiguration configuration, string? file = null) =>
        Path.Combine(Directory(name, configuration), file ?? name + ".dll");

    /// <summary>tests/AssemblyToProcess: every shape the weaver must handle.</summary>
    public static string AssemblyToProcess(BuildConfiguration configuration) => Path_("AssemblyToProcess", configuration);

    /// <summary>tests/AssemblyToProcess.Invalid: one diagnostic case per top-level type.</summary>
    public static string Invalid(BuildConfiguration configuration) => Path_("AssemblyToProcess.Invalid", configuration);

    /// <summary>tests/AssemblyToProcess.Scopes: assembly- and module-level attributes.</summary>
    public static string Scopes => Path_("AssemblyToProcess.Scopes", BuildConfiguration.Debug);

    /// <summary>tests/RealLibraries.Workload with the NuGet libraries it uses, unwoven.</summary>
    public static string WorkloadDirectory => Directory("RealLibraries.Workload", BuildConfiguration.Release);
}

/// <summary>Debug builds make class state machines and unoptimised IL; Release struct state machines and optimised IL.</summary>
public enum BuildConfiguration
{
    Debug,
    Release,
}
