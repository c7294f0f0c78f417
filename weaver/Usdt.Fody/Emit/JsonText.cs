using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Usdt.Fody.Emit;

/// <summary>
/// A small JSON writer (RFC 8259) for the machine-readable manifest: two-space indentation,
/// members in the order written, strings escaped. The weaver runs inside MSBuild on
/// netstandard2.0, where System.Text.Json is not part of the framework. It writes straight
/// to a <see cref="TextWriter"/>: the manifest of a large library runs to megabytes, which
/// built up in memory first would be copied three times over.
/// </summary>
internal sealed class JsonText
{
    private readonly TextWriter _text;
    // One entry per open object or array: whether it has a member or element yet, and
    // whether it is written on one line.
    private readonly Stack<(bool Any, bool Inline)> _open = new();
    // "\n" and the indentation of each depth, made once: written before every member.
    private readonly List<string> _newLines = [];

    public JsonText(TextWriter text) => _text = text;

    public JsonText StartObject(string? name = null) => Open(name, '{', inline: false);

    /// <summary>An object written on one line (<c>{ "a": 1, "b": 2 }</c>): for small, many-times repeated ones.</summary>
    public JsonText StartInlineObject() => Open(null, '{', inline: true);

    public JsonText EndObject() => Close('}');

    public JsonText StartArray(string? name = null) => Open(name, '[', inline: false);

    public JsonText EndArray() => Close(']');

    public JsonText String(string name, string? value)
    {
        Value(name);
        if (value is null)
            _text.Write("null");
        else
            Quote(value);
        return this;
    }

    public JsonText Boolean(string name, bool value)
    {
        Value(name);
        _text.Write(value ? "true" : "false");
        return this;
    }

    public JsonText Number(string name, long value)
    {
        Value(name);
        _text.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>A number already in decimal text (an enum constant of any integer type, ulong included).</summary>
    public JsonText RawNumber(string name, string digits)
    {
        Value(name);
        _text.Write(digits);
        return this;
    }

    /// <summary>Ends the document with a newline (not <see cref="TextWriter.WriteLine()"/>, whose newline depends on the build host).</summary>
    public void End() => _text.Write('\n');

    private JsonText Open(string? name, char bracket, bool inline)
    {
        Value(name);
        _text.Write(bracket);
        _open.Push((false, inline || _open.Count > 0 && _open.Peek().Inline));
        return this;
    }

    private JsonText Close(char bracket)
    {
        (bool any, bool inline) = _open.Pop();
        if (any && inline)
            _text.Write(' ');
        else if (any)
            NewLine();
        _text.Write(bracket);
        return this;
    }

    /// <summary>Starts a member (inside an object, <paramref name="name"/> given) or an element (inside an array, or the root).</summary>
    private void Value(string? name)
    {
        if (_open.Count > 0)
        {
            (bool any, bool inline) = _open.Pop();
            if (any)
                _text.Write(',');
            _open.Push((true, inline));
            if (inline)
                _text.Write(' ');
            else
                NewLine();
        }
        if (name is not null)
        {
            Quote(name);
            _text.Write(": ");
        }
    }

    private void NewLine()
    {
        int depth = _open.Count;
        while (_newLines.Count <= depth)
            _newLines.Add("\n" + new string(' ', _newLines.Count * 2));
        _text.Write(_newLines[depth]);
    }

    /// <summary>
    /// A string literal: quotation mark, reverse solidus and the control characters
    /// U+0000 to U+001F escaped, as RFC 8259 section 7 requires; everything else as is
    /// (the file is UTF-8).
    /// </summary>
    private void Quote(string value)
    {
        _text.Write('"');
        // Names and types rarely need escaping: such a string goes out in one write.
        if (NeedsNoEscape(value))
            _text.Write(value);
        else
            QuoteEscaped(value);
        _text.Write('"');
    }

    private static bool NeedsNoEscape(string value)
    {
        foreach (char c in value)
        {
            if (c < 0x20 || c == '"' || c == '\\')
                return false;
        }
        return true;
    }

    private void QuoteEscaped(string value)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': _text.Write("\\\""); break;
                case '\\': _text.Write("\\\\"); break;
                case '\n': _text.Write("\\n"); break;
                case '\r': _text.Write("\\r"); break;
                case '\t': _text.Write("\\t"); break;
                case '\b': _text.Write("\\b"); break;
                case '\f': _text.Write("\\f"); break;
                default:
                    if (c < 0x20)
                        _text.Write("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        _text.Write(c);
                    break;
            }
        }
    }
}
