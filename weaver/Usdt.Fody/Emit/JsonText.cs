using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Usdt.Fody.Emit;

/// <summary>
/// A small JSON writer (RFC 8259) for the machine-readable manifest: two-space indentation,
/// members in the order written, strings escaped. The weaver runs inside MSBuild on
/// netstandard2.0, where System.Text.Json is not part of the framework.
/// </summary>
internal sealed class JsonText
{
    private readonly StringBuilder _text = new();
    // One entry per open object or array: whether it has a member or element yet, and
    // whether it is written on one line.
    private readonly Stack<(bool Any, bool Inline)> _open = new();

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
            _text.Append("null");
        else
            Quote(value);
        return this;
    }

    public JsonText Boolean(string name, bool value)
    {
        Value(name);
        _text.Append(value ? "true" : "false");
        return this;
    }

    public JsonText Number(string name, long value)
    {
        Value(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>A number already in decimal text (an enum constant of any integer type, ulong included).</summary>
    public JsonText RawNumber(string name, string digits)
    {
        Value(name);
        _text.Append(digits);
        return this;
    }

    /// <summary>The document, ending in a newline.</summary>
    public override string ToString() => _text.ToString() + "\n";

    private JsonText Open(string? name, char bracket, bool inline)
    {
        Value(name);
        _text.Append(bracket);
        _open.Push((false, inline || _open.Count > 0 && _open.Peek().Inline));
        return this;
    }

    private JsonText Close(char bracket)
    {
        (bool any, bool inline) = _open.Pop();
        if (any && inline)
            _text.Append(' ');
        else if (any)
            NewLine();
        _text.Append(bracket);
        return this;
    }

    /// <summary>Starts a member (inside an object, <paramref name="name"/> given) or an element (inside an array, or the root).</summary>
    private void Value(string? name)
    {
        if (_open.Count > 0)
        {
            (bool any, bool inline) = _open.Pop();
            if (any)
                _text.Append(',');
            _open.Push((true, inline));
            if (inline)
                _text.Append(' ');
            else
                NewLine();
        }
        if (name is not null)
        {
            Quote(name);
            _text.Append(": ");
        }
    }

    private void NewLine() => _text.Append('\n').Append(' ', _open.Count * 2);

    /// <summary>
    /// A string literal: quotation mark, reverse solidus and the control characters
    /// U+0000 to U+001F escaped, as RFC 8259 section 7 requires; everything else as is
    /// (the file is UTF-8).
    /// </summary>
    private void Quote(string value)
    {
        _text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                case '\b': _text.Append("\\b"); break;
                case '\f': _text.Append("\\f"); break;
                default:
                    if (c < 0x20)
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        _text.Append(c);
                    break;
            }
        }
        _text.Append('"');
    }
}
