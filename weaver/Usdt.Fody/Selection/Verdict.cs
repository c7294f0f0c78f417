namespace Usdt.Fody.Selection;

/// <summary>What a scope's attributes say about probing.</summary>
internal enum Verdict
{
    Unspecified,
    Probe,
    NoProbe,
}
