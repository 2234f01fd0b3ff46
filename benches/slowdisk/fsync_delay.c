/*
 * Slow-disk mode for `make bench`: an LD_PRELOAD shim that makes every
 * flush to the disk take a fixed extra time, as on café hardware (an SD
 * card, a cheap SSD without power-loss protection: 5-20 ms a flush) instead
 * of this machine's ~0.1 ms.
 *
 *   BENCH_FSYNC_DELAY_MS    extra time per flush, in ms (default 10; 0 = none)
 *   BENCH_FSYNC_MATCH       only files whose path contains this text (default:
 *                           every file the process flushes; Crema flushes only
 *                           its store, crema.db and crema.db-wal, while serving)
 *   BENCH_FSYNC_COUNT_FILE  at exit, the number of delayed flushes is written here
 *
 * Wrapped: fsync, fdatasync, syncfs, sync_file_range. The real call runs
 * first, then the delay, so what is flushed is flushed as before.
 * Built by bench-load with `cc -shared -fPIC -O2 ... -ldl`.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long delay_ns = -1;
static const char *match;
static unsigned long flushes;

static void init(void) {
    const char *ms = getenv("BENCH_FSYNC_DELAY_MS");
    double v = ms && *ms ? atof(ms) : 10.0;
    match = getenv("BENCH_FSYNC_MATCH");
    if (match && !*match) match = NULL;
    __atomic_store_n(&delay_ns, v > 0 ? (long)(v * 1e6) : 0, __ATOMIC_RELAXED);
}

static int wanted(int fd) {
    if (!match) return 1;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n < 0) return 0;
    path[n] = 0;
    return strstr(path, match) != NULL;
}

static void slow_down(int fd) {
    if (__atomic_load_n(&delay_ns, __ATOMIC_RELAXED) < 0) init();
    long ns = __atomic_load_n(&delay_ns, __ATOMIC_RELAXED);
    if (ns <= 0 || !wanted(fd)) return;
    __atomic_fetch_add(&flushes, 1, __ATOMIC_RELAXED);
    int saved = errno;
    struct timespec t = {ns / 1000000000L, ns % 1000000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
    errno = saved;
}

typedef int (*fd_fn)(int);
typedef int (*range_fn)(int, off_t, off_t, unsigned int);

static void *real(const char *name) {
    return dlsym(RTLD_NEXT, name);
}

int fsync(int fd) {
    static fd_fn f;
    if (!f) f = (fd_fn)real("fsync");
    int r = f(fd);
    slow_down(fd);
    return r;
}

int fdatasync(int fd) {
    static fd_fn f;
    if (!f) f = (fd_fn)real("fdatasync");
    int r = f(fd);
    slow_down(fd);
    return r;
}

int syncfs(int fd) {
    static fd_fn f;
    if (!f) f = (fd_fn)real("syncfs");
    int r = f(fd);
    slow_down(fd);
    return r;
}

int sync_file_range(int fd, off_t off, off_t n, unsigned int flags) {
    static range_fn f;
    if (!f) f = (range_fn)real("sync_file_range");
    int r = f(fd, off, n, flags);
    if (flags & SYNC_FILE_RANGE_WAIT_AFTER) slow_down(fd);
    return r;
}

__attribute__((destructor)) static void report(void) {
    const char *file = getenv("BENCH_FSYNC_COUNT_FILE");
    if (!file || !*file) return;
    FILE *f = fopen(file, "w");
    if (!f) return;
    fprintf(f, "%lu\n", __atomic_load_n(&flushes, __ATOMIC_RELAXED));
    fclose(f);
}
