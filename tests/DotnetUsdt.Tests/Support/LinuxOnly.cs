// The tool is a Linux tool (uprobes, /proc, tracefs), and so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
