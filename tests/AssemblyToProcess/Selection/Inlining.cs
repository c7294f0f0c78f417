using System.Runtime.CompilerServices;
using Usdt;

// The inlining rule: methods selected by a wide scope (here the namespace in FodyWeavers.xml,
// or [Probe] on the type) are left unprobed when the JIT is meant to inline them; [Probe]
// on the method or its property probes them anyway. The tests compare what was woven with
// the rule applied to these methods' own IL sizes.
namespace AssemblyToProcess.Selection.Inlining
{
    public class Mixed
    {
        private int _count;
        private readonly string[] _words = ["a", "bb", "ccc"];

        public int Count => _count;                          // a trivial accessor

        public int Twice(int x) => x * 2;                    // a one-liner

        public Mixed Forward(int x) => Add(x, 1);            // a forwarding one-liner

        public Mixed Add(int x, int y)
        {
            _count += x + y;
            return this;
        }

        public int Work(int rounds)                          // a method with some substance
        {
            int total = 0;
            for (int i = 0; i < rounds; i++)
            {
                foreach (string word in _words)
                    total += word.Length * (i + 1) ^ _count;
                if (total > 1_000_000)
                    total /= 3;
            }
            return total + _count;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Hot(int rounds)                           // as large as Work, but meant to disappear into its callers
        {
            int total = 0;
            for (int i = 0; i < rounds; i++)
            {
                foreach (string word in _words)
                    total += word.Length * (i + 1) ^ _count;
                if (total > 1_000_000)
                    total /= 3;
            }
            return total + _count;
        }

        [Probe]
        public int AskedFor(int x) => x + 1;                // small, but asked for by name

        [Probe]
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int AskedForHot(int x) => x + 2;

        [Probe]
        public int AskedForProperty { get; set; }           // both accessors asked for through the property
    }

    [Probe]
    public class MarkedType
    {
        public int Small() => 3;

        public int Large(string text)
        {
            int vowels = 0, digits = 0, others = 0;
            foreach (char c in text)
            {
                if ("aeiouAEIOU".IndexOf(c) >= 0)
                    vowels++;
                else if (char.IsDigit(c))
                    digits += c - '0';
                else
                    others ^= c;
            }
            return vowels * 31 + digits * 7 + others + text.Length;
        }
    }
}
