using System;
using Usdt;

namespace AssemblyToProcess;

[Probe]
public class Calculator
{
    public int Add(int a, int b) => a + b;

    public string Greet(string name) => "hello " + name;

    public int Divide(int a, int b) => a / b;

    public void Nothing() { }
}
