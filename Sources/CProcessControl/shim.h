#ifndef EVLOG_CPROCESSCONTROL_SHIM_H
#define EVLOG_CPROCESSCONTROL_SHIM_H
// prctl and ioctl are variadic, which Swift does not import, and pipe2's O_DIRECT is declared only under
// _GNU_SOURCE, which Swift's Glibc module does not set; these fix their arguments. No other logic here.
#if defined(__linux__)
#include <fcntl.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <signal.h>
static inline int evlog_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
static inline int evlog_set_child_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL);
}
// A close-on-exec pipe in packet mode: each write of up to a page is read back on its own.
// (glibc names O_DIRECT __O_DIRECT outside _GNU_SOURCE, and declares pipe2 only inside it.)
extern int pipe2(int descriptors[2], int flags);
static inline int evlog_packet_pipe(int descriptors[2]) {
    return pipe2(descriptors, __O_DIRECT | O_CLOEXEC);
}
// The bytes a pipe holds now (FIONREAD, whose ioctl is variadic); 0 when it cannot tell.
static inline int evlog_pipe_unread(int descriptor) {
    int count = 0;
    return ioctl(descriptor, FIONREAD, &count) == 0 ? count : 0;
}
// Reads what a pipe holds, up to `size` bytes, in one call even in packet mode (read(2) returns one
// packet a call); -1 with EAGAIN when it is empty, 0 at end of file. vmsplice is _GNU_SOURCE only.
extern ssize_t vmsplice(int descriptor, const struct iovec *vectors, size_t count, unsigned int flags);
static inline long evlog_read_pipe_whole(int descriptor, void *buffer, unsigned long size) {
    struct iovec vector = { buffer, size };
    return vmsplice(descriptor, &vector, 1, 2 /* SPLICE_F_NONBLOCK */);
}
// A spawned process gets no descriptor of the spawner's past standard error (`evlog serve`'s listening
// socket and open connections are not close-on-exec); the glibc 2.34 action is declared only under __USE_MISC.
#include <spawn.h>
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
static inline int evlog_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
#endif
#endif
