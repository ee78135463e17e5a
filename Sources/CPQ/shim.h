#ifndef MODEX_CPQ_SHIM_H
#define MODEX_CPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
/* glibc declares ppoll only under _GNU_SOURCE, which Swift's Glibc module is built without.
   Waiting on many connections' sockets with a timeout finer than poll()'s milliseconds needs it. */
extern int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask);
#endif
