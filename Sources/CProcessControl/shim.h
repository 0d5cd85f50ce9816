#ifndef EVLOG_CPROCESSCONTROL_SHIM_H
#define EVLOG_CPROCESSCONTROL_SHIM_H
// prctl is variadic, which Swift does not import; these fix its arguments. No other logic here.
#if defined(__linux__)
#include <sys/prctl.h>
#include <signal.h>
static inline int evlog_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
static inline int evlog_set_child_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL);
}
#endif
#endif
