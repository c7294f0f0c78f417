using Usdt;

// Selection cases: the tests weave this assembly with FodyWeavers.xml configurations that
// include or exclude these namespaces, and read back exactly which methods got probes.
namespace AssemblyToProcess.Selection.Configured
{
    public class Included
    {
        public int Plain() => 1;

        [NoProbe]
        public int OptedOut() => 2;

        public int Value { get; set; }

        public Included() { }

        public override string ToString() => "included";
    }

    public class Excluded
    {
        public int Plain() => 1;

        [Probe]
        public int OptedIn() => 2;
    }

    [NoProbe]
    public class QuietType
    {
        public int Plain() => 1;

        [Probe]
        public int OptedIn() => 2;

        [Probe]
        public int Property { get; set; }
    }

    public class Outer
    {
        public int OuterMethod() => 1;

        public class Inner
        {
            public int InnerMethod() => 2;
        }
    }
}

namespace AssemblyToProcess.Selection.Configured.Deeper
{
    public class DeepType
    {
        public int Deep() => 3;
    }
}

namespace AssemblyToProcess.Selection.Attributed
{
    [Probe]
    public class ProbedType
    {
        public ProbedType() { }

        static ProbedType() { }

        public int Method() => 1;

        public int Property { get; set; }

        [NoProbe]
        public int QuietProperty { get; set; }

        [Probe]
        public int ExplicitProperty { get; set; }

        [NoProbe]
        [Probe]
        public int Both() => 0;
    }

    public class ExplicitMembers
    {
        [Probe]
        public ExplicitMembers() { }

        [Probe]
        public int Property { get; set; }

        public int Unmarked() => 0;

        [Probe]
        public abstract class AbstractInside
        {
            public abstract int Abstract();

            public int Concrete() => 1;
        }
    }
}
