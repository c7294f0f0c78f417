/* Baseline: the same probes as our runtime makes them. The library is written by our own
 * ELF writer (Usdt.Benchmarks write-stub-library), so the stub is byte for byte ours:
 * 0f 1f 44 00 00 c3 (a 5-byte nop, then ret), described by .note.stapsdt with a semaphore.
 * C dlopens it and calls the stub through a pointer, as the C# site does. */
#include <dlfcn.h>
#include "loop_timing.h"

typedef void (*stub2_fn)(long, long);
typedef void (*stub6_fn)(long, long, long, long, long, long);

static stub2_fn stub2;
static stub6_fn stub6;
static volatile unsigned short *semaphore2, *semaphore6;

static __attribute__((noinline)) void fire2(long count)
{
    for (long i = 0; i < count; i++)
        if (__builtin_expect(*semaphore2, 0))
            stub2(i, 42L);
}

static __attribute__((noinline)) void fire6(long count)
{
    for (long i = 0; i < count; i++)
        if (__builtin_expect(*semaphore6, 0))
            stub6(i, 42L, 43L, 44L, 45L, 46L);
}

static void *symbol(void *library, const char *name)
{
    void *address = dlsym(library, name);
    if (!address) { fprintf(stderr, "%s: %s\n", name, dlerror()); exit(70); }
    return address;
}

int main(int argc, char **argv)
{
    struct loop_options o;
    parse_options(argc, argv, &o);
    if (!o.library) { fprintf(stderr, "--library PATH (from write-stub-library) is required\n"); return 64; }

    void *library = dlopen(o.library, RTLD_NOW | RTLD_LOCAL);
    if (!library) { fprintf(stderr, "%s\n", dlerror()); return 70; }
    stub2 = (stub2_fn)symbol(library, "usdt_cnop5_fire2");
    stub6 = (stub6_fn)symbol(library, "usdt_cnop5_fire6");
    semaphore2 = symbol(library, "cnop5_fire2_semaphore");
    semaphore6 = symbol(library, "cnop5_fire6_semaphore");

    char ready[8300];
    snprintf(ready, sizeof ready, "probe cnop5 fire2 %s\nprobe cnop5 fire6 %s\n", o.library, o.library);
    write_ready(o.ready, ready);

    volatile unsigned short *const semaphores[] = { semaphore2, semaphore6 };
    wait_attached(semaphores, 2, o.wait_seconds);

    FILE *out = fopen(o.out, "w");
    if (!out) { perror(o.out); return 70; }
    measure(out, "c_nop5_fire2", "cnop5:fire2", fire2, &o);
    measure(out, "c_nop5_fire6", "cnop5:fire6", fire6, &o);
    return fclose(out) == 0 ? 0 : 70;
}
