using Usdt;

// Naming cases, read back from the woven probe table (the README's probe naming rules).
namespace AssemblyToProcess.Naming
{
    [Probe]
    public class Overloads
    {
        public int Add(int a, int b) => a + b;

        public double Add(double a, double b) => a + b;

        public string Add(string a, string b) => a + b;

        public int Add_2() => 2;

        [Probe(Name = "custom_add")]
        public long Add(long a, long b) => a + b;
    }

    [Probe]
    public class Outer
    {
        public class Inner
        {
            public int Method() => 1;

            public class Innermost
            {
                public int Method() => 2;
            }
        }
    }

    [Probe]
    public class Generic<TKey, TValue>
    {
        public TValue Lookup(TKey key, TValue fallback) => fallback;
    }

    [Probe]
    public class Accessors
    {
        public Accessors() { }

        static Accessors() { }

        public int Value { get; set; }

        public int this[int index] => index;

        public static Accessors operator +(Accessors a, Accessors b) => a;
    }

    public interface IExplicit
    {
        int Run();
    }

    [Probe]
    public class Explicit : IExplicit
    {
        int IExplicit.Run() => 1;
    }

    [Probe]
    public class AVeryLongTypeNameThatKeepsGoingAndGoingForTheSakeOfTheCap
    {
        public int AnEquallyLongMethodNameThatPushesThePastTheLimit() => 1;

        public int AnEquallyLongMethodNameThatPushesThePastTheLimitToo() => 2;
    }
}

namespace AssemblyToProcess.Naming.Other
{
    [Probe]
    public class Overloads
    {
        public int Add(int a, int b) => a - b;
    }
}
