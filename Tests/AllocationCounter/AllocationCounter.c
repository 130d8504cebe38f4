#include "AllocationCounter.h"
#include <stdlib.h>   /* also defines __GLIBC__ on glibc systems */

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

/* initial-exec: reading these never allocates (the test executable's static TLS block). */
static __thread int counting __attribute__((tls_model("initial-exec")));
static __thread long count __attribute__((tls_model("initial-exec")));

void *malloc(size_t size) {
    if (counting) count += 1;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
    if (counting) count += 1;
    return __libc_calloc(n, size);
}

void *realloc(void *pointer, size_t size) {
    if (counting) count += 1;
    return __libc_realloc(pointer, size);
}

void raft_allocation_counter_start(void) { count = 0; counting = 1; }
long raft_allocation_counter_stop(void) { counting = 0; return count; }
#else
void raft_allocation_counter_start(void) {}
long raft_allocation_counter_stop(void) { return 0; }
#endif
