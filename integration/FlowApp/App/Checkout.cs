using System.Runtime.CompilerServices;

namespace Flow;

/// <summary>
/// One round of the flow: <see cref="Run"/> calls <see cref="Cart.Total"/> (in the other
/// woven assembly), which calls <see cref="Cart.PriceOf"/> three times, then
/// <see cref="Record"/>, then awaits <see cref="ConfirmAsync"/>.
/// </summary>
public sealed class Checkout
{
    private static readonly string[] Basket = ["tea", "mug", "lamp"];
    private readonly Cart _cart = new();
    private long _takings;

    /// <summary>Runs one round and returns the basket's total.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public async Task<long> Run(int round)
    {
        long total = _cart.Total(Basket);
        Record(total);
        await ConfirmAsync(round);
        return total;
    }

    /// <summary>Adds a round's total to the takings.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Record(long total) => _takings += total;

    /// <summary>Confirms the order after a short wait, so that the operation completes on another thread than it started.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public async Task ConfirmAsync(int round)
    {
        await Task.Delay(1);
        _takings += round % 2;
    }
}
