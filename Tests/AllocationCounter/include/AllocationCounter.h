#ifndef SWIFT_RAFT_ALLOCATION_COUNTER_H
#define SWIFT_RAFT_ALLOCATION_COUNTER_H
/* Counts heap allocations (malloc, calloc, realloc) made by the calling thread between start and stop.
   Linked into the test executable only: its malloc/calloc/realloc take precedence over libc's and forward to
   glibc's __libc_* implementations, counting when the calling thread has started counting. Other threads (tests
   running in parallel) are not counted. Elsewhere (not glibc) nothing is intercepted and the count stays 0. */
void raft_allocation_counter_start(void);
/* Allocations made by this thread since raft_allocation_counter_start; stops counting. */
long raft_allocation_counter_stop(void);
#endif
