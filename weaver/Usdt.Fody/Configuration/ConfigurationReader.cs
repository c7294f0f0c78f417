using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Usdt.Contract;

namespace Usdt.Fody.Configuration;

/// <summary>
/// Reads and validates the <c>&lt;Usdt&gt;</c> element. Every problem becomes an error that
/// names the file, the element as written and what is wrong; nothing is silently ignored.
/// </summary>
internal sealed class ConfigurationReader
{
    private static readonly string[] UsdtAttributes = ["Provider", "StringLimit", "Entry", "Return", "Constructors", "Properties", "MinMethodBytes", "GenericProbes"];
    private static readonly string[] RuleAttributes = ["Namespace", "Type", "Method"];

    private readonly string _source;
    private readonly List<string> _errors = [];

    private ConfigurationReader(string source) => _source = source;

    /// <summary>Reads <paramref name="element"/> (null: nothing configured).</summary>
    /// <param name="source">The file the element came from, for messages.</param>
    public static WeaverConfiguration Read(XElement? element, string source, out IReadOnlyList<string> errors)
    {
        var reader = new ConfigurationReader(source);
        var configuration = new WeaverConfiguration();
        if (element is not null)
            reader.ReadUsdt(element, configuration);
        errors = reader._errors;
        return configuration;
    }

    private void ReadUsdt(XElement usdt, WeaverConfiguration configuration)
    {
        RejectUnknownAttributes(usdt, UsdtAttributes);
        if (Attribute(usdt, "Provider") is { } provider)
        {
            if (ProbeIdentifier.IsValid(provider, ContractLimits.MaxProviderNameLength))
                configuration.Provider = provider;
            else
                Error(usdt, $"Provider '{provider}' is not a provider name: use a C identifier ([A-Za-z_][A-Za-z0-9_]*) of at most {ContractLimits.MaxProviderNameLength} characters");
        }
        if (Attribute(usdt, "StringLimit") is { } limit)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out int bytes) && bytes >= 1 && bytes <= WeaverConfiguration.MaxStringLimit)
                configuration.StringLimit = bytes;
            else
                Error(usdt, $"StringLimit '{limit}' must be a whole number of bytes from 1 to {WeaverConfiguration.MaxStringLimit}");
        }
        if (Attribute(usdt, "MinMethodBytes") is { } size)
        {
            if (int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int bytes) && bytes <= WeaverConfiguration.MaxMinMethodBytes)
                configuration.MinMethodBytes = bytes;
            else
                Error(usdt, $"MinMethodBytes '{size}' must be a whole number of IL bytes from 0 (probe every method) to {WeaverConfiguration.MaxMinMethodBytes}");
        }
        configuration.GenericProbes = Switch(usdt, "GenericProbes", configuration.GenericProbes);
        configuration.Entry = Switch(usdt, "Entry", configuration.Entry);
        configuration.Return = Switch(usdt, "Return", configuration.Return);
        configuration.Constructors = Switch(usdt, "Constructors", configuration.Constructors);
        configuration.Properties = Switch(usdt, "Properties", configuration.Properties);
        if (!configuration.Entry && !configuration.Return)
            Error(usdt, "Entry and Return are both false: no probe could ever be woven");

        foreach (XNode node in usdt.Nodes())
        {
            switch (node)
            {
                case XElement { Name.LocalName: "Include" } include when include.Name.Namespace == XNamespace.None:
                    AddRule(include, configuration.Includes);
                    break;
                case XElement { Name.LocalName: "Exclude" } exclude when exclude.Name.Namespace == XNamespace.None:
                    AddRule(exclude, configuration.Excludes);
                    break;
                case XElement other:
                    Error(other, $"unknown element <{other.Name}>; <Usdt> contains only <Include> and <Exclude>");
                    break;
                case XText text when text.Value.Trim().Length > 0:
                    Error(usdt, $"unexpected text '{text.Value.Trim()}' inside <Usdt>");
                    break;
            }
        }

        foreach (SelectionRule include in configuration.Includes)
        {
            if (configuration.Excludes.FirstOrDefault(include.SamePatternsAs) is { } exclude)
                Error(usdt, $"{include.Element} and {exclude.Element} contradict each other: the same methods cannot be both included and excluded");
        }
    }

    private void AddRule(XElement element, List<SelectionRule> rules)
    {
        RejectUnknownAttributes(element, RuleAttributes);
        if (element.HasElements || element.Nodes().OfType<XText>().Any(t => t.Value.Trim().Length > 0))
            Error(element, $"<{element.Name}> takes attributes only, no content");
        if (!RuleAttributes.Any(name => element.Attribute(name) is not null))
        {
            Error(element, $"<{element.Name}> needs at least one of {string.Join(", ", RuleAttributes)}");
            return;
        }

        NameGlob? Glob(string name)
        {
            if (Attribute(element, name) is not { } pattern)
                return null;
            NameGlob? glob = NameGlob.TryParse(pattern, out string why);
            if (glob is null)
                Error(element, $"{name}=\"{pattern}\" is not a valid pattern: {why}");
            return glob;
        }

        NameGlob? ns = Glob("Namespace"), type = Glob("Type"), method = Glob("Method");
        if ((element.Attribute("Namespace") is null || ns is not null) &&
            (element.Attribute("Type") is null || type is not null) &&
            (element.Attribute("Method") is null || method is not null))
            rules.Add(new SelectionRule(Describe(element), ns, type, method));
    }

    private bool Switch(XElement element, string name, bool fallback)
    {
        if (Attribute(element, name) is not { } value)
            return fallback;
        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            return true;
        if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            return false;
        Error(element, $"{name}=\"{value}\" must be true or false");
        return fallback;
    }

    private void RejectUnknownAttributes(XElement element, string[] known)
    {
        foreach (XAttribute attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.Namespace != XNamespace.None && attribute.Name.NamespaceName.StartsWith("http://www.w3.org/", StringComparison.Ordinal))
                continue; // xmlns and xsi:noNamespaceSchemaLocation belong to XML, not to us
            if (!known.Contains(attribute.Name.ToString()))
                Error(element, $"unknown attribute '{attribute.Name}'; <{element.Name}> takes {string.Join(", ", known)}");
        }
    }

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    private void Error(XElement element, string message)
    {
        string line = element is IXmlLineInfo info && info.HasLineInfo() ? $"({info.LineNumber},{info.LinePosition})" : "";
        _errors.Add($"{_source}{line}: {Describe(element)}: {message}");
    }

    /// <summary>The element's start tag as the user wrote it, for messages.</summary>
    private static string Describe(XElement element)
    {
        string attributes = string.Concat(element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $" {a.Name}=\"{a.Value}\""));
        return $"<{element.Name}{attributes}>";
    }
}
