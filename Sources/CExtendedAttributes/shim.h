#ifndef EVLOG_CEXTENDEDATTRIBUTES_SHIM_H
#define EVLOG_CEXTENDEDATTRIBUTES_SHIM_H
// Swift's Glibc module does not include <sys/xattr.h>: this brings lgetxattr (a file's POSIX ACL) in. No logic here.
#if defined(__linux__)
#include <sys/types.h>
#include <sys/xattr.h>
#endif
#endif
