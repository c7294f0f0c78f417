using Xunit;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// Tests that attach real tracers, measure time or count the collector's collections run one
/// at a time: the machine has two cores, and elapsed-time, event-count and collection-count
/// checks should not compete with other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracerCollection
{
    public const string Name = "tracers";
}
