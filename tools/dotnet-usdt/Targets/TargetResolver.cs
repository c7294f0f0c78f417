using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using DotnetUsdt.Cli;
using DotnetUsdt.Elf;
using DotnetUsdt.Manifest;
using Usdt.Contract;
using Usdt.Elf;

namespace DotnetUsdt.Targets;

/// <summary>Finds the probe libraries of a process, a woven assembly or a library file, and their manifests.</summary>
internal static class TargetResolver
{
    /// <summary>A number is a process id; a path ending in <c>.dll</c> or <c>.exe</c> a woven assembly; any other path a probe library.</summary>
    public static Target Resolve(string target)
    {
        if (int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            return Process(pid);
        if (!File.Exists(target))
            throw new ToolFailure($"{target}: no such file, and not a process id", ExitCodes.NotFound);
        return target.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? Assembly(target)
            : Library(target);
    }

    /// <summary>The probe libraries process <paramref name="processId"/> has mapped.</summary>
    public static Target Process(int processId)
    {
        IReadOnlyList<MemoryMapping> mappings;
        try
        {
            mappings = MemoryMapping.Of(processId);
        }
        catch (IOException e)
        {
            throw new ToolFailure(e.Message, ExitCodes.NotFound);
        }
        string root = ProcessRoot(processId);
        var target = new Target($"process {processId} ({ProcessName(processId)})", processId);
        // Manifests sit beside the woven assemblies, which the runtime maps; and beside the
        // executable of a single-file app, whose assemblies are not mapped one by one.
        var directories = mappings.Where(m => m.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(m => Path.GetDirectoryName(root + m.Path)!).ToList();
        if (ExecutableDirectory(processId) is { } executable)
            directories.Add(executable);

        foreach (IGrouping<string, MemoryMapping> file in mappings.Where(m => m.Path.Length > 0).GroupBy(m => m.Path))
        {
            if (LibraryNames.Classify(file.Key) is not { } kind)
                continue;
            string? readPath = kind.Origin == LibraryOrigin.MemoryFile
                ? MemoryFileDescriptor(processId, file.First())
                : file.First().IsDeleted ? null : root + file.Key;
            if (readPath is null)
            {
                target.Warnings.Add($"{file.Key}: mapped by the process but removed from disk (or its descriptor is closed); a tracer cannot open it");
                continue;
            }
            ProbeLibrary? library = Read(readPath, readPath, kind.Origin, kind.Label, target.Warnings);
            if (library is null)
                continue;
            library.Mappings = file.ToList();
            var here = new List<string>();
            if (kind.Origin == LibraryOrigin.Built)
                here.Add(Path.GetDirectoryName(readPath)!);
            ManifestMatch.Describe(library, here.Concat(directories), target.Warnings);
            target.Libraries.Add(library);
        }
        if (target.Libraries.Count == 0)
            target.Warnings.Add($"process {processId} has no Usdt probe library mapped: is it a woven .NET app, still starting, or run with USDT_DISABLE=1? (USDT_DIAGNOSTICS=1 makes it say why)");
        return target;
    }

    /// <summary>A woven assembly: its manifest and the libraries the build wrote beside it.</summary>
    public static Target Assembly(string path)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        string stem = Path.GetFileNameWithoutExtension(full);
        var target = new Target(full, null);
        ElfArchitecture architecture = HostArchitecture();
        foreach (string label in new[] { stem, MethodProbes.LibraryStem })
        {
            string library = Path.Combine(directory, ProbeLibraryFiles.ForModule(label, architecture));
            if (!File.Exists(library))
                continue;
            if (Read(library, library, LibraryOrigin.Built, label, target.Warnings) is { } read)
            {
                ManifestMatch.Describe(read, [directory], target.Warnings);
                target.Libraries.Add(read);
            }
        }
        if (target.Libraries.Count == 0 || target.Libraries[0].Label != stem)
        {
            ManifestFile? manifest = TryManifest(ManifestFile.PathFor(full), target.Warnings);
            if (manifest is null)
                throw new ToolFailure($"{full}: no probe manifest ({stem}{ManifestFile.Suffix}) and no probe library ({ProbeLibraryFiles.ForModule(stem, architecture)}) beside it; is it woven by Usdt.Fody?", ExitCodes.NotFound);
            target.UnplacedProbes.AddRange(manifest.Probes);
            target.Warnings.Add($"no {ProbeLibraryFiles.ForModule(stem, architecture)} beside {Path.GetFileName(full)}: a process generates its library at start-up; list or trace the process id instead");
        }
        return target;
    }

    /// <summary>A probe library file: its notes, described by the manifest of its assembly when one is found.</summary>
    public static Target Library(string path)
    {
        string full = Path.GetFullPath(path);
        var target = new Target(full, null);
        (LibraryOrigin Origin, string Label) kind = LibraryNames.Classify(full) ?? (LibraryOrigin.Other, Path.GetFileNameWithoutExtension(full));
        ProbeLibrary library = Read(full, full, kind.Origin, kind.Label, target.Warnings)
            ?? throw new ToolFailure(string.Join("\n", target.Warnings), ExitCodes.NotFound);
        var directories = new List<string> { Path.GetDirectoryName(full)! };
        // A generated library's manifest is beside the assembly its process loaded.
        if (LibraryNames.GeneratedProcessId(full) is { } owner)
        {
            try
            {
                directories.AddRange(MemoryMapping.Of(owner).Where(m => m.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    .Select(m => Path.GetDirectoryName(m.Path)!));
            }
            catch (IOException)
            {
                // the process is gone or not ours to read: the notes describe the probes
            }
        }
        ManifestMatch.Describe(library, directories, target.Warnings);
        target.Libraries.Add(library);
        return target;
    }

    private static ProbeLibrary? Read(string readPath, string tracerPath, LibraryOrigin origin, string label, List<string> warnings)
    {
        try
        {
            ProbeLibraryFile file = ProbeLibraryFile.Read(readPath);
            if (file.Notes.Count == 0)
            {
                warnings.Add($"{readPath} has no SDT notes");
                return null;
            }
            return new ProbeLibrary(readPath, tracerPath, origin, label, file);
        }
        catch (IOException e)
        {
            warnings.Add(e.Message);
            return null;
        }
    }

    private static ManifestFile? TryManifest(string path, List<string> warnings)
    {
        try
        {
            return ManifestReader.TryRead(path);
        }
        catch (IOException e)
        {
            warnings.Add(e.Message);
            return null;
        }
    }

    /// <summary>
    /// The descriptor a memfd library is open as, <c>/proc/PID/fd/N</c>: the runtime keeps it
    /// open for the life of the process, and it is the file's only name.
    /// </summary>
    private static string? MemoryFileDescriptor(int processId, MemoryMapping mapping)
    {
        string descriptors = $"/proc/{processId}/fd";
        try
        {
            foreach (string descriptor in Directory.EnumerateFiles(descriptors))
            {
                string? link = null;
                try { link = new FileInfo(descriptor).LinkTarget; }
                catch (IOException) { }
                if (link is not null && link.StartsWith(mapping.Path, StringComparison.Ordinal) && SameInode(descriptor, mapping.Inode))
                    return descriptor;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return null;
    }

    private static bool SameInode(string path, long inode)
    {
        try
        {
            return Platform.FileStatus.Inode(path) is not { } actual || actual == inode;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>
    /// The process's root as seen from here: empty when it is ours, else <c>/proc/PID/root</c>,
    /// so paths in a container's maps resolve to its files.
    /// </summary>
    private static string ProcessRoot(int processId)
    {
        try
        {
            string? link = new DirectoryInfo($"/proc/{processId}/root").LinkTarget;
            return link is null or "/" ? "" : $"/proc/{processId}/root";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string? ExecutableDirectory(int processId)
    {
        try
        {
            string? link = new FileInfo($"/proc/{processId}/exe").LinkTarget;
            return link is null ? null : Path.GetDirectoryName(link);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string ProcessName(int processId)
    {
        try
        {
            // argv[0] and argv[1]: "dotnet Shop.Sample.dll" names the app better than "dotnet".
            string[] arguments = File.ReadAllText($"/proc/{processId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            string name = arguments.Length > 1 && Path.GetFileName(arguments[0]) == "dotnet" ? arguments[1] : arguments.FirstOrDefault() ?? "";
            return Path.GetFileName(name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    public static ElfArchitecture HostArchitecture() =>
        RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? ElfArchitecture.Arm64 : ElfArchitecture.X64;
}
