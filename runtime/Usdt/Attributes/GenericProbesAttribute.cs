using System;

namespace Usdt;

/// <summary>
/// Makes every method the Usdt.Fody weaver probes in this assembly also report through the
/// process-wide generic pair <c>dotnet:method__entry</c> and <c>dotnet:method__return</c>,
/// laid out as HotSpot's method probes (thread id, class, method and signature as pointer
/// and length), which bcc's <c>ucalls -l java</c> and <c>uflow -l java</c> read unmodified.
/// The same as <c>&lt;Usdt GenericProbes="true"&gt;</c> in FodyWeavers.xml.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class GenericProbesAttribute : Attribute
{
}
