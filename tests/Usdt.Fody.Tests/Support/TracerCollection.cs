using Xunit;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// Tests that attach real tracers or measure time run one at a time: the machine has two
/// cores, and elapsed-time and event-count checks should not compete with other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracerCollection
{
    public const string Name = "tracers";
}
