/* Shared by the C baselines: the same measuring protocol as the C# enabled-probe loops
 * (bench/Usdt.Benchmarks/Enabled/FireLoop.cs), so both sides are timed alike:
 *   1. write a "ready" file, one line per probe: "probe PROVIDER NAME FILE", FILE being
 *      what a tracer attaches to;
 *   2. wait until every probe's semaphore is non-zero (the tracer is attached);
 *   3. per case: one warm-up run of iterations/10 fires, then `repeats` timed runs of
 *      `iterations` fires each, timed with clock_gettime(CLOCK_MONOTONIC);
 *   4. write one line per case: name, probe, median ns/fire, min ns/fire, fires, bytes allocated/fire.
 */
#ifndef LOOP_TIMING_H
#define LOOP_TIMING_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct loop_options {
    long iterations;
    int repeats;
    double wait_seconds;
    const char *ready;
    const char *out;
    const char *library;
};

static void parse_options(int argc, char **argv, struct loop_options *o)
{
    o->iterations = 200000;
    o->repeats = 7;
    o->wait_seconds = 60;
    o->ready = o->out = o->library = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--iterations")) o->iterations = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--repeats")) o->repeats = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--wait-seconds")) o->wait_seconds = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--ready")) o->ready = argv[i + 1];
        else if (!strcmp(argv[i], "--out")) o->out = argv[i + 1];
        else if (!strcmp(argv[i], "--library")) o->library = argv[i + 1];
        else { fprintf(stderr, "unknown option %s\n", argv[i]); exit(64); }
    }
    if (!o->ready || !o->out) { fprintf(stderr, "--ready FILE and --out FILE are required\n"); exit(64); }
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* Written last and renamed into place, so the script never reads half a file. */
static void write_ready(const char *path, const char *text)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) { perror(path); exit(70); }
}

/* The tracer raises each semaphore when it attaches; poll them every millisecond. */
static void wait_attached(volatile unsigned short *const *semaphores, int count, double seconds)
{
    double deadline = now_ns() + seconds * 1e9;
    for (;;) {
        int enabled = 0;
        for (int i = 0; i < count; i++)
            enabled += *semaphores[i] != 0;
        if (enabled == count) return;
        if (now_ns() > deadline) { fprintf(stderr, "no tracer attached within %.0f s\n", seconds); exit(75); }
        usleep(1000);
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef void (*fire_loop)(long count);

static void measure(FILE *out, const char *name, const char *probe, fire_loop loop, const struct loop_options *o)
{
    double samples[64];
    int repeats = o->repeats < 64 ? o->repeats : 64;
    long warmup = o->iterations / 10;
    loop(warmup);
    for (int r = 0; r < repeats; r++) {
        double start = now_ns();
        loop(o->iterations);
        samples[r] = (now_ns() - start) / (double)o->iterations;
    }
    qsort(samples, repeats, sizeof samples[0], compare_doubles);
    fprintf(out, "%s\t%s\t%.2f\t%.2f\t%ld\t0\n", name, probe, samples[repeats / 2], samples[0], warmup + (long)repeats * o->iterations);
}

#endif
