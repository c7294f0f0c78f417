using System;
using System.IO;
using Usdt;

namespace AssemblyToProcess.Shapes;

/// <summary>try/catch/finally, filters, switch, loops, multiple returns, throw-only bodies, goto, using, lock.</summary>
[Probe]
public class ControlFlow
{
    private readonly object _gate = new();

    public int Classify(int x)
    {
        if (x < 0)
            return -1;
        if (x == 0)
            return 0;
        if (x < 10)
            return 1;
        return 2;
    }

    public string Switch(int day) => day switch
    {
        0 => "sun",
        1 => "mon",
        2 => "tue",
        3 => "wed",
        4 => "thu",
        5 => "fri",
        6 => "sat",
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, "no such day"),
    };

    public int SwitchStatement(string command)
    {
        switch (command)
        {
            case "one": return 1;
            case "two": return 2;
            case "three": return 3;
            case "four": return 4;
            case "five": return 5;
            case "six": return 6;
            case "seven": return 7;
            default:
                SideEffects.Record("unknown " + command);
                break;
        }
        return -1;
    }

    public int Loops(int n)
    {
        int sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 3 == 0)
                continue;
            if (i > 50)
                break;
            sum += i;
        }
        int j = 0;
        while (j < n)
            j += 2;
        do { sum++; } while (sum < 0);
        foreach (char c in "abc")
            sum += c;
        return sum + j;
    }

    public int EarlyReturnInLoop(int[] values, int wanted)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == wanted)
                return i;
        }
        return -1;
    }

    public int TryCatchFinally(int x)
    {
        try
        {
            SideEffects.Record("try " + x);
            if (x == 0)
                throw new InvalidOperationException("zero");
            return 100 / x;
        }
        catch (InvalidOperationException e)
        {
            SideEffects.Record("caught " + e.Message);
            return -1;
        }
        finally
        {
            SideEffects.Record("finally " + x);
        }
    }

    /// <summary>The exception leaves through a finally block: one return event, with its name.</summary>
    public int ThrowThroughFinally(int x)
    {
        try
        {
            if (x > 0)
                throw new FormatException("bad " + x);
            return x;
        }
        finally
        {
            SideEffects.Record("cleanup " + x);
        }
    }

    /// <summary>A finally block replaces the exception: the return probe reports the replacement.</summary>
    public int ReplacedInFinally(int x)
    {
        try
        {
            throw new InvalidOperationException("first " + x);
        }
        finally
        {
            if (x > 0)
                throw new NotSupportedException("second " + x);
        }
    }

    /// <summary>The first exception passes our filter, then a finally replaces it and the method's own catch handles the replacement: a normal return.</summary>
    public int ReplacedThenCaught(int x)
    {
        try
        {
            try
            {
                throw new InvalidOperationException("first " + x);
            }
            finally
            {
                if (x > 0)
                    throw new NotSupportedException("second " + x);
            }
        }
        catch (NotSupportedException e)
        {
            return e.Message.Length;
        }
    }

    public int UserFilter(int x)
    {
        try
        {
            return checked(int.MaxValue + x);
        }
        catch (OverflowException) when (Note("filter " + x) && x > 5)
        {
            return 5;
        }
    }

    public void Rethrow(string text)
    {
        try
        {
            _ = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            SideEffects.Record("rethrowing");
            throw;
        }
    }

    public int CaughtInside(string text)
    {
        try
        {
            return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception)
        {
            return -1;
        }
    }

    public void AlwaysThrows(string message) => throw new InvalidOperationException(message);

    public int ThrowOnlyBody(int code)
    {
        throw new ApplicationException("code " + code);
    }

    public int Goto(int x)
    {
        int steps = 0;
    again:
        steps++;
        if (x > 1)
        {
            x /= 2;
            goto again;
        }
        return steps;
    }

    public string Using(string text)
    {
        using var reader = new StringReader(text);
        using (var writer = new StringWriter())
        {
            writer.Write(reader.ReadLine());
            return writer.ToString();
        }
    }

    public int Locked(int x)
    {
        lock (_gate)
        {
            if (x < 0)
                throw new ArgumentException("negative");
            return x + 1;
        }
    }

    public int NestedTry(int x)
    {
        try
        {
            try
            {
                if (x == 1)
                    throw new InvalidOperationException("inner");
                return x;
            }
            catch (InvalidOperationException)
            {
                if (x == 1)
                    throw new ArgumentException("outer");
                return -1;
            }
            finally
            {
                SideEffects.Record("inner finally " + x);
            }
        }
        catch (ArgumentException e)
        {
            return e.Message.Length;
        }
        finally
        {
            SideEffects.Record("outer finally " + x);
        }
    }

    private static bool Note(string what)
    {
        SideEffects.Record(what);
        return true;
    }
}
