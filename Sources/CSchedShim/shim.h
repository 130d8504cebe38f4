#ifndef SWIFT_RAFT_CSCHEDSHIM_H
#define SWIFT_RAFT_CSCHEDSHIM_H
#include <pthread.h>
#include <sched.h>
#include <sys/types.h>
/* glibc's processor-affinity calls. glibc declares them only for _GNU_SOURCE, which Swift's Glibc module leaves
   undefined; `cpu_set_t` itself is visible there. These are the same declarations (a repeated declaration with the
   same types is allowed in C), used by `HelperPlacement`. Elsewhere than glibc: nothing (the Swift side checks). */
#if defined(__GLIBC__)
extern int sched_getcpu(void);
extern int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *cpuset);
extern int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *cpuset);
extern int pthread_attr_setaffinity_np(pthread_attr_t *attr, size_t cpusetsize, const cpu_set_t *cpuset);
extern int pthread_attr_getaffinity_np(const pthread_attr_t *attr, size_t cpusetsize, cpu_set_t *cpuset);
#endif
#endif
