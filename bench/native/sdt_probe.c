/* Baseline: probes built with the stock <sys/sdt.h>, gated by their semaphores exactly as
 * a `dtrace -h` header gates them. The probe site is a 1-byte nop, so an attached uprobe
 * traps through int3 on every hit. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
#include "loop_timing.h"

__extension__ unsigned short csdt_fire2_semaphore __attribute__((unused)) __attribute__((section(".probes")));
__extension__ unsigned short csdt_fire6_semaphore __attribute__((unused)) __attribute__((section(".probes")));

/* A volatile read per fire, as the C# site reads its semaphore per call. */
#define ENABLED(semaphore) __builtin_expect(*(volatile unsigned short *)&(semaphore), 0)

static __attribute__((noinline)) void fire2(long count)
{
    for (long i = 0; i < count; i++)
        if (ENABLED(csdt_fire2_semaphore))
            STAP_PROBE2(csdt, fire2, i, 42L);
}

static __attribute__((noinline)) void fire6(long count)
{
    for (long i = 0; i < count; i++)
        if (ENABLED(csdt_fire6_semaphore))
            STAP_PROBE6(csdt, fire6, i, 42L, 43L, 44L, 45L, 46L);
}

int main(int argc, char **argv)
{
    struct loop_options o;
    parse_options(argc, argv, &o);

    char self[2048], ready[4300];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0) { perror("/proc/self/exe"); return 70; }
    self[n] = 0;
    snprintf(ready, sizeof ready, "probe csdt fire2 %s\nprobe csdt fire6 %s\n", self, self);
    write_ready(o.ready, ready);

    volatile unsigned short *const semaphores[] = { &csdt_fire2_semaphore, &csdt_fire6_semaphore };
    wait_attached(semaphores, 2, o.wait_seconds);

    FILE *out = fopen(o.out, "w");
    if (!out) { perror(o.out); return 70; }
    measure(out, "c_sdt_fire2", "csdt:fire2", fire2, &o);
    measure(out, "c_sdt_fire6", "csdt:fire6", fire6, &o);
    return fclose(out) == 0 ? 0 : 70;
}
